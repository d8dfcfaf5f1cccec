using StudyBot.Questions;
using StudyBot.Questions.Import;

namespace StudyBot.Core.Tests.Questions.Import;

public sealed class BankFormatDetectorTests
{
    private sealed class NativeStandIn : IBankFormatReader
    {
        public string FormatName => "yaml";

        public IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml"];

        public BankReadResult Read(string fileName, string content) => throw new NotSupportedException();
    }

    private static readonly IReadOnlyList<IBankFormatReader> Readers =
    [
        new NativeStandIn(),
        new CsvBankReader(ContentArea.Icd10Cm),
        new GiftBankReader(ContentArea.Icd10Cm),
        new AikenBankReader(ContentArea.Icd10Cm),
        new RedTriviaBankReader(ContentArea.Icd10Cm),
    ];

    [Theory]
    [InlineData("bank.csv", "stem,answer", null, "csv")]
    [InlineData("bank.gift", "Q{=a}", null, "gift")]
    [InlineData("bank.txt", "Q{=a}", null, "gift")]
    [InlineData("bank.txt", "Q\nA. a\nANSWER: A", null, "aiken")]
    [InlineData("bank.yaml", "version: 1\nquestions: []", null, "yaml")]
    [InlineData("bank.yml", "AUTHOR: x\nQ?: [a]", null, "red")]
    [InlineData("bank.yaml", "version: 1\nquestions: []", "RED", "red")]
    public void Choose_PicksTheReaderAPersonWouldExpect(string file, string content, string? format, string expected)
    {
        Assert.Equal(expected, BankFormatDetector.Choose(Readers, file, content, format)?.FormatName);
    }

    [Fact]
    public void Choose_UnknownExtension_ReturnsNull()
    {
        Assert.Null(BankFormatDetector.Choose(Readers, "bank.docx", ""));
    }
}
