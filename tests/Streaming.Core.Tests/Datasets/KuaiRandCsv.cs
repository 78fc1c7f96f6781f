using System.Globalization;

namespace Streaming.Core.Tests.Datasets;

/// <summary>Writes small KuaiRand-format CSV texts for the reader tests.</summary>
internal static class KuaiRandCsv
{
    public const string Header =
        "user_id,video_id,date,hourmin,time_ms,is_click,is_like,is_follow,is_comment,is_forward,is_hate,long_view,play_time_ms,duration_ms,profile_stay_time,comment_stay_time,is_profile_enter,is_rand,tab";

    /// <summary>A row in the header's column order; flags as a 7-character 0/1 string (click, like, follow, comment, forward, hate, long_view).</summary>
    public static string Row(long user, long video, long timeMs, string flags = "0000000", int playMs = 1_000, int durationMs = 10_000, int tab = 1)
    {
        var f = string.Join(',', flags.Select(c => c.ToString()));
        return string.Create(CultureInfo.InvariantCulture, $"{user},{video},20220430,1800,{timeMs},{f},{playMs},{durationMs},0,0,0,1,{tab}");
    }

    public static StringReader Text(params string[] lines) => new(string.Join('\n', lines) + "\n");
}
