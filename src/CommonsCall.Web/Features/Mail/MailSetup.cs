using CommonsCall.Web.Features.Accounts;

namespace CommonsCall.Web.Features.Mail;

public static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section);
        services.AddHttpContextAccessor();
        services.AddSingleton<PublicLinks>();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<AccountMails>();
        services.AddSingleton<DevelopmentMailbox>();
        services.AddScoped<PasswordResetService>();
        services.AddHostedService<MailSender>();
        return services;
    }
}
