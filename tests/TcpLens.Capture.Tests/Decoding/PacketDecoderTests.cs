using System.Runtime.CompilerServices;
using TcpLens.Capture.Decoding;
using static TcpLens.Capture.Tests.Decoding.PacketBytes;

namespace TcpLens.Capture.Tests.Decoding;

public class PacketDecoderTests
{
    private static TcpSegment DecodeTcp(LinkType link, byte[] frame, int? originalLength = null)
    {
        DecodeOutcome outcome = PacketDecoder.Decode(link, frame, originalLength ?? frame.Length, out TcpSegment s);
        Assert.Equal(DecodeOutcome.Tcp, outcome);
        Assert.Equal(DecodeOutcome.Tcp, s.Outcome);
        return s;
    }

    [Fact]
    public void Ethernet_ipv4_tcp_fields_are_read_at_their_offsets()
    {
        TcpSegment s = DecodeTcp(LinkType.Ethernet, Ethernet(Ipv4(Tcp(sport: 51000, dport: 80, seq: 0xFFFFFFF0, ack: 7, flags: 0x19, window: 0xFFFF, payload: 10), id: 0xBEEF)));
        Assert.Equal(4, s.IpVersion);
        Assert.Equal(NetAddress.Parse("10.0.0.1"), s.Source);
        Assert.Equal(NetAddress.Parse("10.0.0.2"), s.Destination);
        Assert.Equal(0xBEEF, s.IpId);
        Assert.True(s.DontFragment);
        Assert.Equal(64, s.Ttl);
        Assert.Equal(51000, s.SourcePort);
        Assert.Equal(80, s.DestinationPort);
        Assert.Equal(0xFFFFFFF0u, s.Sequence);
        Assert.Equal(7u, s.Acknowledgement);
        Assert.Equal(TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Ack, s.Flags);
        Assert.Equal(0xFFFF, s.Window);
        Assert.Equal(10, s.PayloadLength);
        Assert.Equal(10, s.CapturedPayloadLength);
        Assert.Equal(14 + 20 + 20, s.PayloadOffset);
        Assert.Equal(-1, s.VlanId);
    }

    [Fact]
    public void Qinq_and_8021q_stacks_are_skipped_and_the_outer_vlan_kept()
    {
        TcpSegment s = DecodeTcp(LinkType.Ethernet, Ethernet(Ipv4(Tcp()), 0x0800, 0x88A8, 0x8100));
        Assert.Equal(100, s.VlanId);
        Assert.Equal(443, s.DestinationPort);
    }

    [Fact]
    public void Ethernet_padding_is_not_payload()
    {
        byte[] frame = Concat(Ethernet(Ipv4(Tcp())), new byte[6]);
        Assert.Equal(0, DecodeTcp(LinkType.Ethernet, frame).PayloadLength);
    }

    [Fact]
    public void Payload_length_comes_from_the_ip_length_when_the_snap_length_cut_the_frame()
    {
        byte[] full = Ethernet(Ipv4(Tcp(payload: 1000)));
        TcpSegment s = DecodeTcp(LinkType.Ethernet, full[..96], full.Length);
        Assert.Equal(1000, s.PayloadLength);
        Assert.Equal(96 - 54, s.CapturedPayloadLength);
    }

    [Fact]
    public void An_ip_length_beyond_the_frame_is_narrowed_to_the_frame_as_wireshark_does()
    {
        byte[] frame = Ethernet(Ipv4(Tcp(payload: 100), totalLength: 9000));
        Assert.Equal(100, DecodeTcp(LinkType.Ethernet, frame).PayloadLength);
    }

    [Fact]
    public void Ipv4_options_move_the_tcp_header()
    {
        byte[] ipOptions = [0x01, 0x01, 0x01, 0x00]; // NOPs and end of list
        TcpSegment s = DecodeTcp(LinkType.Raw, Ipv4(Tcp(dport: 8080, payload: 3), options: ipOptions));
        Assert.Equal(8080, s.DestinationPort);
        Assert.Equal(3, s.PayloadLength);
    }

    [Theory]
    [InlineData(0x2000)] // first fragment: more fragments set
    [InlineData(0x0010)] // later fragment: offset set
    public void Ipv4_fragments_are_counted_not_decoded_as_tcp(ushort fragment)
    {
        DecodeOutcome o = PacketDecoder.Decode(LinkType.Raw, Ipv4(Tcp(), fragment: fragment), out TcpSegment s);
        Assert.Equal(DecodeOutcome.IpFragment, o);
        Assert.Equal(NetAddress.Parse("10.0.0.1"), s.Source);
    }

    [Fact]
    public void Ipv6_extension_headers_are_walked_to_tcp()
    {
        byte[] hopByHop = [0, 0, 1, 4, 0, 0, 0, 0];
        byte[] destination = [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] atomicFragment = [0, 0, 0, 0, 0, 0, 0, 1];
        TcpSegment s = DecodeTcp(LinkType.Ipv6, Ipv6(Tcp(payload: 5), 6, (0, hopByHop), (60, destination), (44, atomicFragment)));
        Assert.Equal(6, s.IpVersion);
        Assert.Equal(NetAddress.Parse("2001::1"), s.Source);
        Assert.Equal(NetAddress.Parse("2001::2"), s.Destination);
        Assert.Equal(-1, s.IpId);
        Assert.Equal(5, s.PayloadLength);
    }

    [Fact]
    public void Ipv6_fragment_is_counted_not_decoded()
    {
        byte[] fragment = [0, 0, 0x00, 0x01, 0, 0, 0, 1]; // offset 0, more fragments
        Assert.Equal(DecodeOutcome.IpFragment, PacketDecoder.Decode(LinkType.Raw, Ipv6(Tcp(), 6, (44, fragment)), out _));
    }

    [Theory]
    [InlineData(LinkType.Raw)]
    [InlineData(LinkType.RawBsd12)]
    [InlineData(LinkType.RawBsd14)]
    [InlineData(LinkType.Ipv4)]
    public void Raw_ipv4_link_types(LinkType link) => Assert.Equal(443, DecodeTcp(link, Ipv4(Tcp())).DestinationPort);

    [Fact]
    public void Raw_ip_picks_the_version_from_the_first_nibble() =>
        Assert.Equal(6, DecodeTcp(LinkType.Raw, Ipv6(Tcp())).IpVersion);

    [Fact]
    public void Linux_cooked_v1_and_v2()
    {
        byte[] sll = Concat([0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00], Ipv4(Tcp()));
        Assert.Equal(443, DecodeTcp(LinkType.LinuxSll, sll).DestinationPort);
        byte[] sll2 = Concat([0x86, 0xDD, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0], Ipv6(Tcp()));
        Assert.Equal(6, DecodeTcp(LinkType.LinuxSll2, sll2).IpVersion);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0, 0 }, 4)]      // AF_INET, little-endian host
    [InlineData(new byte[] { 0, 0, 0, 2 }, 4)]      // AF_INET, big-endian host
    [InlineData(new byte[] { 30, 0, 0, 0 }, 6)]     // AF_INET6 on Darwin
    [InlineData(new byte[] { 0, 0, 0, 24 }, 6)]     // AF_INET6 on NetBSD/OpenBSD, big-endian
    [InlineData(new byte[] { 28, 0, 0, 0 }, 6)]     // AF_INET6 on FreeBSD
    public void Bsd_null_loopback_in_either_byte_order(byte[] header, int version)
    {
        byte[] ip = version == 4 ? Ipv4(Tcp()) : Ipv6(Tcp());
        Assert.Equal(version, DecodeTcp(LinkType.Null, Concat(header, ip)).IpVersion);
    }

    [Fact]
    public void OpenBsd_loop_header_is_network_byte_order() =>
        Assert.Equal(4, DecodeTcp(LinkType.Loop, Concat([0, 0, 0, 2], Ipv4(Tcp()))).IpVersion);

    [Fact]
    public void Pppoe_session_length_bounds_the_payload()
    {
        byte[] ip = Ipv4(Tcp(payload: 6));
        byte[] pppoe = [0x11, 0x00, 0x00, 0x01, 0x00, (byte)(2 + ip.Length - 6)];
        byte[] frame = Ethernet(Concat(pppoe, [0x00, 0x21], ip), 0x8864);
        Assert.Equal(0, DecodeTcp(LinkType.Ethernet, frame).PayloadLength);
    }

    [Fact]
    public void Mpls_label_stack_is_skipped()
    {
        byte[] labels = [0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40];
        Assert.Equal(443, DecodeTcp(LinkType.Ethernet, Ethernet(Concat(labels, Ipv4(Tcp())), 0x8847)).DestinationPort);
    }

    [Fact]
    public void Gre_and_ip_in_ip_tunnels_reach_the_inner_tcp()
    {
        byte[] inner = Ipv4(Tcp(dport: 22), src: 0xC0A80001, dst: 0xC0A80002);
        byte[] gre = Concat([0x20, 0x00, 0x08, 0x00, 0, 0, 0, 42], inner); // key present
        TcpSegment s = DecodeTcp(LinkType.Raw, Ipv4(gre, protocol: 47));
        Assert.Equal(NetAddress.Parse("192.168.0.1"), s.Source);
        Assert.Equal(22, s.DestinationPort);
        Assert.Equal(1, s.TunnelDepth);
        Assert.Equal(2, DecodeTcp(LinkType.Raw, Ipv4(Ipv4(gre, protocol: 47), protocol: 4)).TunnelDepth);
    }

    [Fact]
    public void Tunnels_nested_too_deep_are_reported_not_followed()
    {
        byte[] packet = Ipv4(Tcp());
        for (int i = 0; i <= PacketDecoder.MaxTunnelDepth; i++)
        {
            packet = Ipv4(packet, protocol: 4);
        }
        Assert.Equal(DecodeOutcome.TunnelTooDeep, PacketDecoder.Decode(LinkType.Raw, packet, out _));
    }

    [Fact]
    public void Tcp_options_mss_window_scale_sack_permitted_timestamps()
    {
        byte[] options = [2, 4, 0x05, 0xB4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 1, 0, 0];
        TcpSegment s = DecodeTcp(LinkType.Raw, Ipv4(Tcp(flags: 0x02, options: options)));
        Assert.True(s.HasMss);
        Assert.Equal(1460, s.Mss);
        Assert.True(s.HasWindowScale);
        Assert.Equal(7, s.WindowScale);
        Assert.True(s.SackPermitted);
        Assert.True(s.HasTimestamps);
        Assert.Equal(1u, s.TsValue);
        Assert.Equal(2u, s.TsEchoReply);
        Assert.False(s.OptionsMalformed);
        Assert.Equal(44, s.HeaderLength);
    }

    [Fact]
    public void Sack_blocks_are_read_up_to_four()
    {
        var options = new List<byte> { 1, 1, 5, 34 };
        for (uint i = 0; i < 4; i++)
        {
            uint left = 1000 * (i + 1);
            options.AddRange([(byte)(left >> 24), (byte)(left >> 16), (byte)(left >> 8), (byte)left]);
            uint right = left + 500;
            options.AddRange([(byte)(right >> 24), (byte)(right >> 16), (byte)(right >> 8), (byte)right]);
        }
        options.AddRange([1, 1]);
        TcpSegment s = DecodeTcp(LinkType.Raw, Ipv4(Tcp(options: [.. options])));
        Assert.Equal(4, s.SackBlockCount);
        Assert.Equal(new SackBlock(1000, 1500), s.Sack[0]);
        Assert.Equal(new SackBlock(4000, 4500), s.Sack[3]);
    }

    [Fact]
    public void Empty_sack_option_is_malformed_as_in_wireshark()
    {
        TcpSegment s = DecodeTcp(LinkType.Raw, Ipv4(Tcp(options: [1, 1, 5, 2])));
        Assert.True(s.OptionsMalformed);
        Assert.Equal(0, s.SackBlockCount);
    }

    [Fact]
    public void Option_with_zero_length_stops_option_parsing_without_looping()
    {
        TcpSegment s = DecodeTcp(LinkType.Raw, Ipv4(Tcp(options: [2, 0, 0, 0])));
        Assert.True(s.OptionsMalformed);
        Assert.False(s.HasMss);
    }

    [Fact]
    public void Reserved_and_ae_bits_are_part_of_the_flags()
    {
        byte[] tcp = Tcp(flags: 0x10);
        tcp[12] |= 0x0F;
        TcpSegment s = DecodeTcp(LinkType.Raw, Ipv4(tcp));
        Assert.Equal(TcpFlags.Ack | TcpFlags.Ae | TcpFlags.Reserved, s.Flags);
        Assert.Equal("A", TcpFlagsText.ToLetters(s.Flags));
    }

    [Fact]
    public void Flag_letters_follow_wiresharks_order()
    {
        Assert.Equal("AS", TcpFlagsText.ToLetters(TcpFlags.Syn | TcpFlags.Ack));
        Assert.Equal("CEUAPRSF", TcpFlagsText.ToLetters((TcpFlags)0xFF));
        Assert.Equal("AP", TcpFlagsText.ToLetters(TcpFlags.Psh | TcpFlags.Ack));
    }

    [Fact]
    public void Damaged_tcp_header_still_names_its_connection()
    {
        byte[] tcp = Tcp(sport: 1234, dport: 80, flags: 0x10);
        tcp[12] = 0xF0; // 60-byte header in a 20-byte segment
        DecodeOutcome o = PacketDecoder.Decode(LinkType.Raw, Ipv4(tcp), out TcpSegment s);
        Assert.Equal(DecodeOutcome.MalformedTcpHeader, o);
        Assert.True(s.HasPorts);
        Assert.Equal(1234, s.SourcePort);
        Assert.True(DecodeOutcomeNames.IsTcp(o));
        Assert.True(DecodeOutcomeNames.IsProblem(o));

        DecodeOutcome cut = PacketDecoder.Decode(LinkType.Raw, Ipv4(tcp[..10], totalLength: 30), out TcpSegment partial);
        Assert.Equal(DecodeOutcome.TruncatedTcpHeader, cut);
        Assert.Equal(10, partial.TcpHeaderBytesRead);
        Assert.Equal(80, partial.DestinationPort);
    }

    [Fact]
    public void Icmp_error_quoting_tcp_reports_the_quoted_connection()
    {
        byte[] quoted = Ipv4(Tcp(sport: 5555, dport: 80)[..8], totalLength: 60, src: 0x0A000009, dst: 0x0A00000A);
        byte[] icmp = Concat([3, 3, 0, 0, 0, 0, 0, 0], quoted);
        DecodeOutcome o = PacketDecoder.Decode(LinkType.Raw, Ipv4(icmp, protocol: 1), out TcpSegment s);
        Assert.Equal(DecodeOutcome.IcmpQuotedTcp, o);
        Assert.Equal(5555, s.SourcePort);
        Assert.Equal(NetAddress.Parse("10.0.0.9"), s.Source);
        Assert.False(DecodeOutcomeNames.IsTcp(o));
    }

    [Theory]
    [InlineData(LinkType.Ethernet, 13)]
    [InlineData(LinkType.LinuxSll, 15)]
    [InlineData(LinkType.LinuxSll2, 19)]
    [InlineData(LinkType.Null, 3)]
    public void Frames_cut_inside_the_link_header_are_problems(LinkType link, int length) =>
        Assert.Equal(DecodeOutcome.TruncatedLinkHeader, PacketDecoder.Decode(link, new byte[length], out _));

    [Fact]
    public void Bad_ip_headers_are_problems_not_exceptions()
    {
        Assert.Equal(DecodeOutcome.TruncatedIpHeader, PacketDecoder.Decode(LinkType.Raw, [0x45, 0, 0], out _));
        Assert.Equal(DecodeOutcome.MalformedIpHeader, PacketDecoder.Decode(LinkType.Ipv4, new byte[40], out _));
        byte[] shortIhl = Ipv4(Tcp());
        shortIhl[0] = 0x44;
        Assert.Equal(DecodeOutcome.MalformedIpHeader, PacketDecoder.Decode(LinkType.Raw, shortIhl, out _));
    }

    [Fact]
    public void Non_ip_and_unknown_link_types()
    {
        Assert.Equal(DecodeOutcome.NotIp, PacketDecoder.Decode(LinkType.Ethernet, Ethernet([0, 1, 8, 0], 0x0806), out _));
        Assert.Equal(DecodeOutcome.UnsupportedLinkType, PacketDecoder.Decode((LinkType)147, new byte[60], out _));
        Assert.Equal(DecodeOutcome.OtherIpProtocol, PacketDecoder.Decode(LinkType.Raw, Ipv4(new byte[8], protocol: 17), out _));
    }

    [Fact]
    public void Decoding_allocates_nothing_per_packet()
    {
        byte[] frame = Ethernet(Ipv4(Tcp(options: [2, 4, 5, 0xB4, 1, 1, 4, 2], payload: 100)), 0x0800, 0x8100);
        // Anything the decoder allocated per packet would show in every pass of 100 000 packets,
        // as at least 2.4 MB (24 bytes, the smallest object, each time). What the runtime charges
        // to this thread once — recompiling a hot method at a higher tier, on-stack replacement,
        // seen as 2–6 kB on a loaded machine — shows in one pass and not in the next. So after a
        // warm-up one pass of the passes below, at most five, must allocate nothing at all.
        DecodeMany(frame, 10_000);
        var passes = new List<long>();
        for (int pass = 0; pass < 5; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            DecodeMany(frame, 100_000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }
            passes.Add(allocated);
        }
        Assert.Fail($"every pass of 100 000 decodes allocated: {string.Join(", ", passes)} bytes");
    }

    // Compiled optimised at once: no tiers and no on-stack replacement of this loop itself.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DecodeMany(byte[] frame, int count)
    {
        for (int i = 0; i < count; i++)
        {
            PacketDecoder.Decode(LinkType.Ethernet, frame, out _);
        }
    }
}
