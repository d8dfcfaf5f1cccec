using System.Text.RegularExpressions;
using StudyBot.Questions;

namespace StudyBot.CodeSets;

public enum CodeIssueKind
{
    /// <summary>The code is not in the release at all.</summary>
    UnknownCode,

    /// <summary>The code is the correct answer but cannot be reported: an ICD-10-CM header, or a
    /// discontinued HCPCS code.</summary>
    KeyNotBillable,
}

/// <summary>One code in the bank that does not hold up against the official release.</summary>
/// <param name="Code">The code as the question writes it.</param>
/// <param name="Where">"stem", "choice B", "rationale", "accepted answer", "reference".</param>
public sealed record CodeIssue(string QuestionId, CodeIssueKind Kind, string Code, string Where, string Message)
{
    public override string ToString() => $"{QuestionId}: {Message}";
}

/// <summary>
/// Checks every code a bank mentions against the official code sets, for the bank test and
/// <c>studybot bank validate --codes</c>.
/// </summary>
/// <remarks>
/// <para>What counts as an ICD-10-CM code in a question's text (stem, choices, rationale, reference,
/// accepted answers): any code written with its dot (E11.9, T36.0X1A); a three-character category after
/// the word "code" or "category" ("category E11"); and, in icd-10-cm questions, a choice or accepted
/// answer that is nothing but a code, with or without its dot ("E119"). Undotted codes elsewhere are
/// not read as ICD-10-CM, because HCPCS codes (E1130) and ordinary words (B12, H2O) look the same.</para>
/// <para>When a HCPCS Level II set is given, five-character HCPCS codes (E1130) in hcpcs-level-ii
/// questions are checked against it; dental D-codes are not in the set and are left alone.</para>
/// <para>The keyed answer (the key choice, or every accepted typed answer) must be billable.</para>
/// </remarks>
public static partial class BankCodeCheck
{
    public static IReadOnlyList<CodeIssue> Check(IEnumerable<Question> questions, CodeSet icd10Cm, CodeSet? hcpcs = null)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(icd10Cm);
        if (icd10Cm.System != CodeSystem.Icd10Cm || hcpcs is { System: not CodeSystem.HcpcsLevelII })
        {
            throw new ArgumentException("Pass the ICD-10-CM set first and the HCPCS Level II set second.");
        }

        var issues = new List<CodeIssue>();
        foreach (var question in questions)
        {
            var reported = new HashSet<(string Code, string Where)>();
            void Text(string where, string? text, bool isKey)
            {
                if (text is null)
                {
                    return;
                }

                foreach (var code in IcdCodesIn(text, question.Area == ContentArea.Icd10Cm))
                {
                    if (reported.Add((code, where)))
                    {
                        CheckCode(question, icd10Cm, code, where, isKey, issues);
                    }
                }

                if (hcpcs is not null && question.Area == ContentArea.HcpcsLevelII)
                {
                    foreach (Match match in HcpcsCode().Matches(text))
                    {
                        if (match.Value[0] != 'D' && reported.Add((match.Value, where)))
                        {
                            CheckCode(question, hcpcs, match.Value, where, isKey, issues);
                        }
                    }
                }
            }

            Text("stem", question.Stem, isKey: false);
            for (var i = 0; i < question.Choices.Count; i++)
            {
                Text($"choice {ChoiceLetter.FromIndex(i)}", question.Choices[i], isKey: question.Answer?.Index == i);
            }

            foreach (var accepted in question.AcceptedAnswers)
            {
                Text("accepted answer", accepted, isKey: true);
            }

            Text("rationale", question.Rationale, isKey: false);
            Text("reference", question.Reference, isKey: false);
        }

        return issues;
    }

    /// <summary>The ICD-10-CM codes a text names, by the rules in the remarks, in the order written.</summary>
    public static IEnumerable<string> IcdCodesIn(string text, bool isIcdQuestion)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (isIcdQuestion && WholeIcdCode().IsMatch(text.Trim()))
        {
            yield return text.Trim();
            yield break;
        }

        var found = DottedIcdCode().Matches(text).Concat(NamedCategory().Matches(text))
            .OrderBy(m => m.Index)
            .Select(m => m.Groups["code"].Value);
        foreach (var code in found)
        {
            yield return code;
        }
    }

    private static void CheckCode(Question question, CodeSet set, string code, string where, bool isKey, List<CodeIssue> issues)
    {
        var entry = set.Find(code);
        if (entry is null)
        {
            issues.Add(new CodeIssue(question.Id, CodeIssueKind.UnknownCode, code, where,
                $"{where} names {code}, which is not a code in {set.Release}"));
            return;
        }

        if (!isKey || entry.IsBillable || (entry.IsModifier && !entry.IsDiscontinued))
        {
            return;
        }

        var why = entry.IsHeader
            ? $"a header, not a billable code{(set.Children(entry.Code) is [var first, ..] ? $" (codes below it start with {first.DisplayCode})" : string.Empty)}"
            : $"discontinued (terminated {entry.TerminationDate:yyyy-MM-dd})";
        issues.Add(new CodeIssue(question.Id, CodeIssueKind.KeyNotBillable, code, where,
            $"the correct answer ({where}) is {code}, which is {why} in {set.Release}"));
    }

    // A dot after more than three characters (E119.9) is a mistake worth reporting, so it is read too.
    [GeneratedRegex(@"(?<![A-Za-z0-9.])(?<code>[A-Z][0-9][0-9A-Z]{1,3}\.[0-9A-Z]{1,4})(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DottedIcdCode();

    [GeneratedRegex(@"\b(?i:code|codes|category|categories)\s+(?<code>[A-Z][0-9][0-9A-Z])(?![A-Za-z0-9]|\.[0-9A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex NamedCategory();

    [GeneratedRegex(@"^(?=[A-Z0-9.]{3,9}$)[A-Z][0-9][0-9A-Z]{1,3}\.?[0-9A-Z]{0,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeIcdCode();

    [GeneratedRegex(@"(?<![A-Za-z0-9.])[A-V][0-9]{4}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex HcpcsCode();
}
