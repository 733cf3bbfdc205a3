using CommonsCall.Web.Features.Calls;

namespace CommonsCall.Web.Features;

public static class FeatureServices
{
    /// <summary>Every feature's services; each feature adds its own line.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddSingleton<CallQueries>();
        return services;
    }
}
