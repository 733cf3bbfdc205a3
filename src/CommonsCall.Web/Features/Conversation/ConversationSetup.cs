namespace CommonsCall.Web.Features.Conversation;

public static class ConversationSetup
{
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section);
        services.AddSingleton<CommentService>();
        services.AddSingleton<AnnouncementService>();
        services.AddSingleton<ConversationQueries>();
        return services;
    }
}
