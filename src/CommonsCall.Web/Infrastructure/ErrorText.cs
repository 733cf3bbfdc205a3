using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Infrastructure;

public static class ErrorText
{
    /// <summary>The user-facing sentence for an error: <c>error.{code}</c> in the resources, else the service's detail.</summary>
    public static string For(IStringLocalizer localizer, DomainError error)
    {
        var text = localizer[$"error.{error.Code}"];
        return text.ResourceNotFound ? error.Detail : text.Value;
    }
}
