// When did the client's receive window drop below a threshold, after some second of the
// connection, and in which frame? (The question of the write-up 001 in ../shared/seeds, asked
// there with scapy and a pickle cache.)
//
//   dotnet run --project examples/WindowDrop -- CAPTURE [STREAM] [AFTER_SECONDS] [BELOW_BYTES]
//
// STREAM defaults to the stream with the most frames; the client is the SYN's sender.
using System.Globalization;
using TcpLens.Analysis;
using TcpLens.Analysis.Sessions;

if (args.Length is < 1 or > 4)
{
    Console.Error.WriteLine("usage: WindowDrop CAPTURE [STREAM] [AFTER_SECONDS] [BELOW_BYTES]");
    return 2;
}
string path = args[0];
double after = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0;
long below = args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 500_000;

// First pass: which stream, and who is its client.
List<Session> sessions;
using (TcpCapture capture = TcpCapture.Open(path))
{
    sessions = capture.Sessions().ToList();
}
Session? session = args.Length > 1
    ? sessions.FirstOrDefault(s => s.Stream == int.Parse(args[1], CultureInfo.InvariantCulture))
    : sessions.OrderByDescending(s => s.ClientToServer.Packets + s.ServerToClient.Packets).FirstOrDefault();
if (session is null)
{
    Console.Error.WriteLine($"{path}: no such TCP stream");
    return 1;
}

// Second pass: the client's frames of that stream, in order.
using (TcpCapture capture = TcpCapture.Open(path))
{
    foreach (AnalyzedPacket p in capture.Packets())
    {
        if (p.Analysis.Stream != session.Stream || p.Segment.SourceEndpoint != session.Client)
        {
            continue;
        }
        double since = p.Time - session.Start;
        bool syn = (p.Segment.Flags & TcpLens.Capture.Decoding.TcpFlags.Syn) != 0;   // SYN windows are never scaled
        if (since >= after && !syn && p.Analysis.WindowSize >= 0 && p.Analysis.WindowSize < below)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stream {session.Stream}: the client ({session.Client}) advertised {p.Analysis.WindowSize} bytes in frame {p.Frame}, {since:F6} s into the connection ({p.Time})"));
            return 0;
        }
    }
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"stream {session.Stream}: the client's window never went below {below} bytes after {after} s"));
return 0;
