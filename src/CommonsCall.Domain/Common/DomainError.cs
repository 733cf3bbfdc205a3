namespace CommonsCall.Domain.Common;

/// <summary>
/// An error a user caused (not a bug): a stable machine code, shown translated by the UI and returned as
/// the <c>code</c> member of problem details by the API.
/// <paramref name="Fields"/> lists the invalid fields and their messages when the error is a validation failure.
/// </summary>
public sealed record DomainError(string Code, string Detail, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    /// <summary>For a refusal that time lifts (a rate limit): how long until the same request may be accepted.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public override string ToString() => $"{Code}: {Detail}";
}

/// <summary>The outcome of an operation that users may be refused.</summary>
public readonly record struct Result
{
    private Result(DomainError? error) => Error = error;

    public DomainError? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result Ok() => new(null);

    public static Result Fail(string code, string detail) => new(new DomainError(code, detail));

    public static implicit operator Result(DomainError error) => new(error);
}

/// <summary>The outcome of an operation that yields a value, or an error.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public DomainError? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static implicit operator Result<T>(DomainError error) => new(default, error);

    public static implicit operator Result<T>(T value) => new(value, null);
}
