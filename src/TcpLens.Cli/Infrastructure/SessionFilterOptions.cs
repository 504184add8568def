using System.CommandLine;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;
using TcpLens.Capture;
using TcpLens.Capture.Decoding;

namespace TcpLens.Cli.Infrastructure;

/// <summary>The session filters shared by the commands that list connections; each may be repeated.</summary>
internal sealed class SessionFilterOptions
{
    private readonly Option<string[]> _host = Many("--host", "Either endpoint has this address.", "ADDR");
    private readonly Option<string[]> _port = Many("--port", "Either endpoint has this port.", "PORT");
    private readonly Option<string[]> _net = Many("--net", "Either endpoint is in this network (CIDR, e.g. 10.1.0.0/16).", "CIDR");
    private readonly Option<string[]> _server = Many("--server", "The server is ADDR, ADDR:PORT, [IPv6]:PORT, :PORT, NET/LEN or NET/LEN:PORT.", "ADDR[:PORT]");
    private readonly Option<string[]> _client = Many("--client", "The client is ADDR, ADDR:PORT, [IPv6]:PORT, :PORT, NET/LEN or NET/LEN:PORT.", "ADDR[:PORT]");
    private readonly Option<string?> _from = new("--from") { HelpName = "TIME", Description = "Sessions starting at or after this time: epoch seconds, ISO 8601 (UTC unless a zone is given), or +OFFSET from the capture's first frame (+30s, +2m)." };
    private readonly Option<string?> _to = new("--to") { HelpName = "TIME", Description = "Sessions starting before this time (same forms as --from)." };
    private readonly Option<string[]> _state = Many("--state", "Zeek conn_state: S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH (comma-separated or repeated).", "STATE");
    private readonly Option<string[]> _closedBy = Many("--closed-by", "client_fin, server_fin, client_rst, server_rst, both or none.", "HOW");
    private readonly Option<string?> _minSynAck = new("--min-syn-ack-delay") { HelpName = "DURATION", Description = "SYN→SYN/ACK delay at least this long: 300ms, 1.5s, 250us..." };
    private readonly Option<string[]> _withFlag = Many("--with-flag", "At least one frame carries this analysis flag (e.g. lost_segment); repeat to require several.", "FLAG");

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { _host, _port, _net, _server, _client, _from, _to, _state, _closedBy, _minSynAck, _withFlag })
        {
            command.Options.Add(o);
        }
    }

    public bool TryBuild(ParseResult parse, out SessionFilter filter, out string? error)
    {
        filter = new SessionFilter();
        error = null;
        var hosts = new List<NetAddress>();
        foreach (string h in Values(parse, _host))
        {
            if (!System.Net.IPAddress.TryParse(h, out System.Net.IPAddress? ip))
            {
                error = $"--host: '{h}' is not an IP address";
                return false;
            }
            hosts.Add(NetAddress.FromIPAddress(ip));
        }
        var ports = new List<ushort>();
        foreach (string p in Values(parse, _port))
        {
            if (!ushort.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ushort port))
            {
                error = $"--port: '{p}' is not a port number";
                return false;
            }
            ports.Add(port);
        }
        var nets = new List<NetPrefix>();
        foreach (string n in Values(parse, _net))
        {
            if (!NetPrefix.TryParse(n, out NetPrefix prefix))
            {
                error = $"--net: '{n}' is not a network in CIDR notation";
                return false;
            }
            nets.Add(prefix);
        }
        if (!Endpoints(parse, _server, out List<EndpointPattern> servers, out error)
            || !Endpoints(parse, _client, out List<EndpointPattern> clients, out error))
        {
            return false;
        }
        Timestamp? from = null, to = null;
        long? fromOffset = null, toOffset = null;
        if (parse.GetValue(_from) is { } f && !ValueParsers.TryTime(f, out from, out fromOffset, out string fromWhy))
        {
            error = $"--from: {fromWhy}";
            return false;
        }
        if (parse.GetValue(_to) is { } t && !ValueParsers.TryTime(t, out to, out toOffset, out string toWhy))
        {
            error = $"--to: {toWhy}";
            return false;
        }
        var states = new List<ConnState>();
        foreach (string name in Values(parse, _state))
        {
            if (!ConnStateNames.TryParse(name, out ConnState state))
            {
                IReadOnlyList<string> known = ConnStateNames.All;
                string? near = TcpLens.Results.Names.Nearest(name, known);
                error = $"--state: '{name}' is not a Zeek conn_state ({string.Join(", ", known)}){(near is null ? "" : $"; did you mean '{near}'?")}";
                return false;
            }
            states.Add(state);
        }
        var closedBy = new List<ClosedBy>();
        foreach (string c in Values(parse, _closedBy))
        {
            if (!ClosedByNames.TryParse(c, out ClosedBy value))
            {
                error = $"--closed-by: '{c}' is not one of client_fin, server_fin, client_rst, server_rst, both, none";
                return false;
            }
            closedBy.Add(value);
        }
        long? minSynAck = null;
        if (parse.GetValue(_minSynAck) is { } d)
        {
            if (!ValueParsers.TryDuration(d, out long ns, out string why))
            {
                error = $"--min-syn-ack-delay: {why}";
                return false;
            }
            minSynAck = ns;
        }
        var flags = AnalysisFlags.None;
        foreach (string name in Values(parse, _withFlag))
        {
            if (!AnalysisFlagNames.TryParse(name, out AnalysisFlags flag))
            {
                error = $"--with-flag: '{name}' is not an analysis flag ({string.Join(", ", AnalysisFlagNames.All)})";
                return false;
            }
            flags |= flag;
        }
        filter = new SessionFilter
        {
            Hosts = hosts,
            Ports = ports,
            Nets = nets,
            Servers = servers,
            Clients = clients,
            From = from,
            To = to,
            FromOffsetNs = fromOffset,
            ToOffsetNs = toOffset,
            States = states,
            ClosedBy = closedBy,
            MinSynAckDelayNs = minSynAck,
            WithFlags = flags,
        };
        return true;
    }

    private static bool Endpoints(ParseResult parse, Option<string[]> option, out List<EndpointPattern> endpoints, out string? error)
    {
        endpoints = [];
        error = null;
        foreach (string e in Values(parse, option))
        {
            if (!ValueParsers.TryEndpoint(e, out EndpointPattern endpoint, out string why))
            {
                error = $"{option.Name}: {why}";
                return false;
            }
            endpoints.Add(endpoint);
        }
        return true;
    }

    // Repeated options and comma-separated lists both work.
    private static IEnumerable<string> Values(ParseResult parse, Option<string[]> option) =>
        (parse.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Option<string[]> Many(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };
}
