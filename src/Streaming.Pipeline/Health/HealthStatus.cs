namespace Streaming.Pipeline.Health;

/// <summary>The verdict of a health check: what a load balancer or an operator acts on.</summary>
public enum HealthStatus
{
    /// <summary>Live, and every checkpoint goes through: HTTP 200.</summary>
    Healthy,

    /// <summary>Not live, or the store refuses checkpoints (nothing new becomes durable): HTTP 503.</summary>
    Unhealthy,
}
