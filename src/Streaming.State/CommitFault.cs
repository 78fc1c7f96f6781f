namespace Streaming.State;

/// <summary>Which failure <see cref="FaultInjectingStateStore"/> injects into commits.</summary>
public enum CommitFault
{
    /// <summary>Commits pass through.</summary>
    None,

    /// <summary>Commits throw before anything is written (a full disk): the store is unchanged.</summary>
    BeforeWrite,

    /// <summary>
    /// Commits are written, then throw (the acknowledgement is lost): the store moved on but the
    /// caller cannot know, so its next commit with the old expected offset is fenced.
    /// </summary>
    AfterWrite,
}
