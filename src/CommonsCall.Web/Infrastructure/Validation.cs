using FluentValidation;
using FluentValidation.Results;

namespace CommonsCall.Web.Infrastructure;

/// <summary>
/// The one bridge from FluentValidation to the rest of the app: a failed validation becomes a
/// <see cref="DomainError"/> with code <c>validation_failed</c> that lists the fields, which the API
/// turns into problem details and the forms into messages next to their fields.
/// </summary>
public static class Validation
{
    public static DomainError ToDomainError(this ValidationResult result) =>
        new(ErrorCodes.Validation,
            string.Join(" ", result.Errors.Select(e => e.ErrorMessage)),
            result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));

    /// <summary>Registers every validator of this assembly (FluentValidation.DependencyInjectionExtensions is not in our package source).</summary>
    public static IServiceCollection AddValidators(this IServiceCollection services)
    {
        var validators = typeof(Validation).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces(), (t, i) => (Type: t, Interface: i))
            .Where(x => x.Interface.IsGenericType && x.Interface.GetGenericTypeDefinition() == typeof(IValidator<>));
        foreach (var (type, contract) in validators)
        {
            services.AddSingleton(contract, type);
        }

        return services;
    }
}
