using System.Net.Sockets;
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

    /// <summary>
    /// The database could not be reached or went away mid-request (stopped, restarting, network): a transient
    /// failure, not a bug. PostgreSQL rolls back whatever transaction was open, so nothing was half-written.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections }:
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsDatabaseUnavailable):
                    return true;
            }
        }

        return false;
    }
}
