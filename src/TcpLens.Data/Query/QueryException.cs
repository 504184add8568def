namespace TcpLens.Data.Query;

/// <summary>A query that DuckDB rejected or could not run, or a value that could not be read: <see cref="Exception.Message"/> is one line for the user.</summary>
public sealed class QueryException : Exception
{
    /// <summary>A failure with no cause to carry.</summary>
    public QueryException()
    {
    }

    /// <summary>A failure with a one-line message.</summary>
    public QueryException(string message) : base(message)
    {
    }

    /// <summary>A failure with the first line of <paramref name="inner"/>'s message (DuckDB adds the query and a caret below it).</summary>
    public QueryException(string message, Exception inner) : base(FirstLine(message), inner)
    {
    }

    /// <summary>The first line of <paramref name="inner"/>'s message.</summary>
    public static QueryException From(Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return new QueryException(inner.Message, inner);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
