namespace TcpLens.Results;

/// <summary>What a column holds; it decides how every exporter writes a value.</summary>
#pragma warning disable CA1720 // the kinds are named after the values they hold
public enum ValueKind
{
    /// <summary>A whole number (BIGINT; a JSON integer).</summary>
    Integer,
    /// <summary>A duration, exact to the nanosecond: seconds with nine decimals (DECIMAL; a JSON number).</summary>
    Seconds,
    /// <summary>An instant: epoch seconds with nine decimals by default, or ISO 8601 (TIMESTAMP next to the exact seconds in SQL).</summary>
    Timestamp,
    /// <summary>true or false (BOOLEAN; a JSON boolean).</summary>
    Boolean,
    /// <summary>Text (VARCHAR; a JSON string).</summary>
    Text,
    /// <summary>An IPv4 or IPv6 address, as Wireshark prints it (VARCHAR; a JSON string).</summary>
    Address,
    /// <summary>Wireshark's analysis flags, in the contract's order: ';'-separated in text, a JSON array of strings.</summary>
    Flags,
    /// <summary>A list of text values: ';'-separated in text, a JSON array of strings.</summary>
    List,
    /// <summary>A decimal number at a fixed scale, such as a percentage with two decimals (DECIMAL; a JSON number).</summary>
    Decimal,
}
#pragma warning restore CA1720
