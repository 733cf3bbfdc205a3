using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommonsCall.Web.Infrastructure;

public static class DatabaseErrors
{
    /// <summary>
    /// A unique index refused the row: two requests raced past the service's own check (which gives the
    /// usual answer); the loser gets the same stable error code.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
