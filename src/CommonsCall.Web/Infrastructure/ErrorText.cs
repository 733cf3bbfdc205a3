using Microsoft.Extensions.Localization;

namespace CommonsCall.Web.Infrastructure;

public static class ErrorText
{
    /// <summary>
    /// The user-facing sentence for an error: <c>error.{code}</c> in the resources, else the service's detail. A refusal
    /// that time lifts says when, with <c>error.{code}.wait</c> when the resources have it.
    /// </summary>
    public static string For(IStringLocalizer localizer, DomainError error)
    {
        if (error.RetryAfter is { } wait && localizer[$"error.{error.Code}.wait", Wait(wait)] is { ResourceNotFound: false } timed)
        {
            return timed.Value;
        }

        var text = localizer[$"error.{error.Code}"];
        return text.ResourceNotFound ? error.Detail : text.Value;
    }

    /// <summary>A wait as a person reads it, the same in French and English: seconds under a minute, else whole minutes rounded up.</summary>
    public static string Wait(TimeSpan wait)
    {
        var seconds = RetryAfterHeader.Seconds(wait);
        return seconds < 60 ? $"{seconds} s" : $"{(seconds + 59) / 60} min";
    }
}
