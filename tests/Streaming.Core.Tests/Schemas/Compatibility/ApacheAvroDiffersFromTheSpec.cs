using Avro;
using Avro.Generic;
using Avro.IO;
using Streaming.Core.Schemas.Compatibility;
using static Streaming.Core.Tests.Schemas.Compatibility.Avsc;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>
/// Cases where Apache.Avro 1.12's <c>Schema.CanRead</c> gives another answer than the
/// specification. Each test shows the library's answer, ours, and (where data can show it) what
/// actually happens to data, so the checker is held to the spec and not to the library.
/// </summary>
public sealed class ApacheAvroDiffersFromTheSpec
{
    [Fact]
    public void A_union_writer_passes_the_library_for_a_primitive_reader_but_its_string_branch_cannot_be_read()
    {
        const string reader = "\"int\"";
        const string writer = """["null", "string"]""";
        Assert.True(Library(reader, writer));
        Assert.Equal(ResolutionRule.WriterBranchUnresolved, Resolve(reader, writer)[0].Rule);
        // The library's own reader then fails on real data, which is what the spec's rule predicts.
        Assert.ThrowsAny<AvroException>(() => ReadWithLibrary(reader, writer, "hello"));
    }

    [Fact]
    public void A_union_writer_with_a_branch_the_reader_union_lacks_passes_the_library_but_not_the_spec()
    {
        var reader = Record("R", Field("x", """["null", "int"]"""));
        var writer = Record("R", Field("x", """["null", "string"]"""));
        Assert.True(Library(reader, writer));
        Assert.Equal(ResolutionRule.WriterBranchUnresolved, Single(reader, writer).Rule);
    }

    [Fact]
    public void An_enum_writer_symbol_the_reader_lacks_passes_the_library_but_fails_on_data()
    {
        const string reader = """{ "type": "enum", "name": "E", "symbols": ["A"] }""";
        const string writer = """{ "type": "enum", "name": "E", "symbols": ["A", "B"] }""";
        Assert.True(Library(reader, writer));
        Assert.Equal(ResolutionRule.EnumSymbolMissing, Single(reader, writer).Rule);
        Assert.ThrowsAny<AvroException>(() => ReadWithLibrary(reader, writer, new GenericEnum((EnumSchema)Schema.Parse(writer), "B")));
    }

    [Theory]
    [InlineData("string", "bytes")]
    [InlineData("bytes", "string")]
    public void String_and_bytes_promote_both_ways_by_the_spec_but_not_for_the_library(string writer, string reader)
    {
        Assert.False(Library(Quote(reader), Quote(writer)));
        Resolves(Quote(reader), Quote(writer));
        // Both encode as a length and the raw bytes, which is why the spec lets them read each other.
        Assert.Equal(Encode(Quote("string"), "héllo"), Encode(Quote("bytes"), "héllo"u8.ToArray()));
    }

    [Fact]
    public void Records_of_the_same_name_in_different_namespaces_resolve_by_the_spec_but_not_for_the_library()
    {
        var reader = Record("x.R", Field("a", Quote("int")));
        var writer = Record("y.R", Field("a", Quote("int")));
        Assert.False(Library(reader, writer));
        Resolves(reader, writer);
    }

    private static bool Library(string reader, string writer) => Schema.Parse(reader).CanRead(Schema.Parse(writer));

    private static byte[] Encode(string schema, object? datum)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<object?>(Schema.Parse(schema)).Write(datum, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    private static object ReadWithLibrary(string reader, string writer, object? datum)
    {
        using var stream = new MemoryStream(Encode(writer, datum));
        return new GenericDatumReader<object>(Schema.Parse(writer), Schema.Parse(reader)).Read(null!, new BinaryDecoder(stream));
    }
}
