using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Tests.Localisation;

/// <summary>
/// The Ukrainian resource file against the source tree: every key the code can hand to the localizer has a
/// translation, and translations keep the key's placeholders. No database needed.
/// </summary>
public sealed class UkrainianResourceTests
{
    [Fact]
    public void Every_key_in_the_source_has_a_Ukrainian_translation()
    {
        var translations = UkrainianResource.Load();
        var missing = LocalisationKeys.Scan()
            .Where(k => !translations.ContainsKey(k.Key))
            .Select(k => $"{Show(k.Key)}    (used in {string.Join(", ", k.Value)})")
            .ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} key(s) missing from {UkrainianResource.RelativePath}:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void No_two_keys_differ_only_in_case()
    {
        // Resource names are case-insensitive: of "Investment" and "investment" the compiler keeps one and drops the
        // other with only a warning, so a lower-case term mid-sentence would read with a capital letter.
        var clashes = UkrainianResource.LoadEntries()
            .GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g.Select(e => Show(e.Key))))
            .ToList();

        Assert.True(clashes.Count == 0, "Keys that differ only in case:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void Translations_keep_the_placeholders_of_their_keys()
    {
        var wrong = UkrainianResource.Load()
            .Where(e => Placeholders(e.Key) != Placeholders(e.Value))
            .Select(e => $"{Show(e.Key)}: key has [{Placeholders(e.Key)}], translation has [{Placeholders(e.Value)}]")
            .ToList();

        Assert.True(wrong.Count == 0, "Placeholders differ:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Resource_file_has_no_duplicate_or_empty_entries()
    {
        var entries = UkrainianResource.LoadEntries();
        var duplicates = entries.GroupBy(e => e.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => Show(g.Key));
        var empty = entries.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => Show(e.Key));

        Assert.Empty(duplicates);
        Assert.Empty(empty);
    }

    [Fact]
    public void Scanner_finds_the_tricky_keys()
    {
        var keys = LocalisationKeys.Scan();

        // A C# "\n" escape is a real newline in the key.
        Assert.Contains(keys.Keys, k => k.StartsWith("Hello {0},\n\nan account has been created for you", StringComparison.Ordinal));
        // Both alternatives of the ternary in Programme.RescheduleSession, and not the field names.
        Assert.Contains("Session {0} must end before the final session (session {1}) starts on {2:d}; the final session is the last one.", keys.Keys);
        Assert.Contains("Session {0} must end before session {1} starts ({2:d}); sessions take place in number order and do not overlap.", keys.Keys);
        Assert.Contains("Give both the daily start and end time, or neither for all-day sessions.", keys.Keys);
        Assert.DoesNotContain("DailyEnd", keys.Keys);
        Assert.DoesNotContain("StartDate", keys.Keys);
        // A domain template whose field is a variable, DataAnnotations, Display names, Compare labels, escaped quotes.
        Assert.Contains("This field is required.", keys.Keys);
        Assert.Contains("Use at most {1} characters.", keys.Keys);
        Assert.Contains("Repeat the new password", keys.Keys);
        Assert.Contains("Daily end time", keys.Keys);
        Assert.Contains(keys.Keys, k => k.Contains("The saved name is now \"{0}\".", StringComparison.Ordinal));
        // Views with arguments, model-binding messages, enum and role names.
        Assert.Contains("Day {0} — {1:D}", keys.Keys);
        Assert.Contains("{0} must be a number.", keys.Keys);
        Assert.Contains("Running", keys.Keys);
        Assert.Contains("Manager", keys.Keys);
    }

    internal static string Placeholders(string text) =>
        string.Join(" ", Regex.Matches(text, @"\{\d+(?:,\s*-?\d+)?(?::[^{}]*)?\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal));

    internal static string Show(string key) => "\"" + key.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}

/// <summary>The running app, asked for Ukrainian by query string or by the language switcher's cookie.</summary>
public sealed class UkrainianAppTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Sign_in_page_is_Ukrainian_with_culture_in_the_query_string()
    {
        var client = factory.NewClient();

        var response = await client.GetAsync("/account/login?culture=uk");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"uk\"", html, StringComparison.Ordinal);
        var document = await new HtmlParser().ParseDocumentAsync(html);
        Assert.Equal(Uk("Sign in"), document.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal(Uk("Sign in"), document.QuerySelector("main button[type=submit]")!.TextContent.Trim());
        Assert.Equal(Uk("Password"), document.QuerySelector("label[for=Input_Password]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Language_switcher_makes_forms_and_their_errors_Ukrainian()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);

        var switched = await client.PostFormAsync("/programmes", new() { ["culture"] = "uk", ["returnUrl"] = "/programmes" }, "/culture");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/programmes", switched.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync("/programmes/create");
        Assert.Equal("uk", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Uk("New programme"), page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal(Uk("Programme name"), Label(page, "Input_Name"));
        Assert.Equal(Uk("Organisers"), Label(page, "Input_Organisers"));
        Assert.Equal(Uk("First session starts on"), Label(page, "Input_FirstSessionStart"));
        Assert.Equal(Uk("Weeks between sessions"), Label(page, "Input_WeeksBetweenSessions"));
        Assert.Equal(Uk("Ukrainian"), page.QuerySelector("#Input_Language option[value=uk]")!.TextContent.Trim());

        var form = FormClient.FormValues(page);
        form["Input.Name"] = string.Empty;
        var posted = await client.PostAsync("/programmes/create", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var result = await FormClient.ParseAsync(posted);
        Assert.Equal(Uk("This field is required."), FormClient.FieldError(result, "Input.Name"));
    }

    [Fact]
    public async Task Business_rule_messages_are_Ukrainian_with_their_arguments_formatted_for_Ukraine()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var url = $"/programmes/{programme.Id}/sessions/1/edit";
        var page = await client.GetDocumentAsync(url + "?culture=uk");
        var form = FormClient.FormValues(page);
        form["Input.StartDate"] = factory.Clock.Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var posted = await client.PostAsync(url + "?culture=uk", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var expected = string.Format(
            CultureInfo.GetCultureInfo("uk"),
            Uk("An upcoming session cannot be moved into the past (today is {0:d})."),
            factory.Clock.Today);
        Assert.Equal(expected, FormClient.FieldError(await FormClient.ParseAsync(posted), "Input.StartDate"));
    }

    [Fact]
    public void Every_key_resolves_to_its_Ukrainian_text_through_the_apps_localizer()
    {
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var translations = UkrainianResource.Load();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("uk");
        try
        {
            var wrong = LocalisationKeys.Scan().Keys
                .Select(key => (Key: key, Found: localizer[key]))
                .Where(x => x.Found.ResourceNotFound || !translations.TryGetValue(x.Key, out var text) || x.Found.Value != text)
                .Select(x => UkrainianResourceTests.Show(x.Key))
                .ToList();

            Assert.True(wrong.Count == 0, "Not resolved from the embedded Ukrainian resources:\n" + string.Join("\n", wrong));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Uk(string key) =>
        UkrainianResource.Load().TryGetValue(key, out var text) ? text : throw new KeyNotFoundException("No Ukrainian for " + key);

    private static string? Label(AngleSharp.Html.Dom.IHtmlDocument document, string inputId) =>
        document.QuerySelector($"label[for={inputId}]")?.TextContent.Trim();
}

/// <summary>Reads <c>Resources/SharedResource.uk.resx</c> as XML (not through the compiled resources).</summary>
internal static class UkrainianResource
{
    public const string RelativePath = "src/CpTraining.Web/Resources/SharedResource.uk.resx";

    public static IReadOnlyList<KeyValuePair<string, string>> LoadEntries() =>
        XDocument.Load(Path.Combine(LocalisationKeys.RepositoryRoot(), RelativePath))
            .Root!
            .Elements("data")
            .Select(d => KeyValuePair.Create((string)d.Attribute("name")!, (string?)d.Element("value") ?? string.Empty))
            .ToList();

    public static IReadOnlyDictionary<string, string> Load()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in LoadEntries())
        {
            result[key] = value;
        }

        return result;
    }
}

/// <summary>
/// Finds the resource keys in the source: localizer indexers with a literal key in views and C#,
/// DataAnnotations messages and display names, the field labels of the session form's change list,
/// DomainException message templates, and the enum and role names the views translate.
/// </summary>
internal static partial class LocalisationKeys
{
    private static readonly HashSet<string> LocalizerNames = ["T", "t", "l", "localizer"];
    private static readonly HashSet<string> DisplayProperties = ["Name", "Description", "Prompt"];

    /// <summary>Key → where it is used (file:line, or where else it comes from).</summary>
    public static IReadOnlyDictionary<string, List<string>> Scan()
    {
        var root = RepositoryRoot();
        var keys = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string where)
        {
            if (!keys.TryGetValue(key, out var places))
            {
                keys[key] = places = [];
            }

            places.Add(where);
        }

        var web = Path.Combine(root, "src", "CpTraining.Web");
        foreach (var file in SourceFiles(web, "*.cshtml"))
        {
            var text = RazorComment().Replace(File.ReadAllText(file), m => new string('\n', m.Value.Count(c => c == '\n')));
            foreach (Match m in ViewLocalizerCall().Matches(text))
            {
                var literal = CSharpLexer.Lex(text[(m.Index + m.Length)..], maxTokens: 1).FirstOrDefault();
                if (literal.Kind == TokenKind.String)
                {
                    Add(literal.Text, Where(root, file, LineOf(text, m.Index)));
                }
            }
        }

        foreach (var file in SourceFiles(web, "*.cs"))
        {
            var tokens = CSharpLexer.Lex(File.ReadAllText(file));
            var isSessionEdit = file.EndsWith(Path.Combine("Programmes", "Sessions", "Edit.cshtml.cs"), StringComparison.Ordinal);
            for (var i = 0; i + 2 < tokens.Count; i++)
            {
                var (a, b, c) = (tokens[i], tokens[i + 1], tokens[i + 2]);
                var isKey =
                    (a.Is(TokenKind.Identifier) && LocalizerNames.Contains(a.Text) && b.IsSymbol("[") && c.Kind == TokenKind.String)
                    || (a.Is(TokenKind.Identifier, "ErrorMessage") && b.IsSymbol("=") && c.Kind == TokenKind.String)
                    || (isSessionEdit && a.Is(TokenKind.Identifier, "Compare") && b.IsSymbol("(") && c.Kind == TokenKind.String);
                if (isKey)
                {
                    Add(c.Text, Where(root, file, c.Line));
                }

                if (a.Is(TokenKind.Identifier, "Display") && b.IsSymbol("("))
                {
                    foreach (var argument in Arguments(tokens, i + 1))
                    {
                        if (argument.Count == 3 && argument[0].Kind == TokenKind.Identifier && DisplayProperties.Contains(argument[0].Text)
                            && argument[1].IsSymbol("=") && argument[2].Kind == TokenKind.String)
                        {
                            Add(argument[2].Text, Where(root, file, argument[2].Line));
                        }
                    }
                }
            }
        }

        foreach (var file in SourceFiles(Path.Combine(root, "src", "CpTraining.Domain"), "*.cs"))
        {
            var tokens = CSharpLexer.Lex(File.ReadAllText(file));
            for (var i = 0; i + 2 < tokens.Count; i++)
            {
                if (!(tokens[i].Is(TokenKind.Identifier, "new") && tokens[i + 1].Is(TokenKind.Identifier, "DomainException") && tokens[i + 2].IsSymbol("(")))
                {
                    continue;
                }

                // DomainException([field,] template, args...): the template is the last argument with string literals
                // (a field name, when there is one, comes before it; format arguments are not literals). Every literal
                // of that argument is a template, so both branches of a conditional count.
                var template = Arguments(tokens, i + 2).LastOrDefault(arg => arg.Exists(t => t.Kind == TokenKind.String));
                foreach (var literal in template?.Where(t => t.Kind == TokenKind.String) ?? [])
                {
                    Add(literal.Text, Where(root, file, literal.Line));
                }
            }
        }

        foreach (var status in Enum.GetNames<SessionStatus>())
        {
            Add(status, $"{nameof(SessionStatus)} (T[status.ToString()])");
        }

        foreach (var role in Roles.All)
        {
            Add(role, $"{nameof(Roles)}.{nameof(Roles.All)} (T[role])");
        }

        return keys;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CpTraining.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CpTraining.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The top-level arguments of the parenthesised list opening at <paramref name="open"/>, each as its tokens.</summary>
    private static List<List<Token>> Arguments(IReadOnlyList<Token> tokens, int open)
    {
        var arguments = new List<List<Token>> { new() };
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsSymbol("(") || token.IsSymbol("[") || token.IsSymbol("{"))
            {
                depth++;
                if (depth == 1)
                {
                    continue;
                }
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]") || token.IsSymbol("}"))
            {
                depth--;
                if (depth == 0)
                {
                    break;
                }
            }
            else if (depth == 1 && token.IsSymbol(","))
            {
                arguments.Add([]);
                continue;
            }

            arguments[^1].Add(token);
        }

        return arguments.Where(a => a.Count > 0).ToList();
    }

    private static IEnumerable<string> SourceFiles(string folder, string pattern)
    {
        var separator = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal)
                && !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }

    private static string Where(string root, string file, int line) =>
        $"{Path.GetRelativePath(root, file).Replace('\\', '/')}:{line}";

    private static int LineOf(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');

    /// <summary><c>T[</c> in a view, followed by a (regular or verbatim) string literal.</summary>
    [GeneratedRegex(@"(?<![\w.])T\[\s*(?=@?"")")]
    private static partial Regex ViewLocalizerCall();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();
}

internal enum TokenKind
{
    Identifier,
    String,
    InterpolatedString,
    Character,
    Symbol,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Line)
{
    public bool Is(TokenKind kind, string? text = null) => Kind == kind && (text is null || Text == text);

    public bool IsSymbol(string symbol) => Is(TokenKind.Symbol, symbol);
}

/// <summary>
/// Just enough of a C# lexer to find string literals reliably: skips comments, character literals and
/// interpolated strings, and gives regular and verbatim literals with their escapes resolved.
/// </summary>
internal static class CSharpLexer
{
    public static List<Token> Lex(string source, int maxTokens = int.MaxValue)
    {
        var tokens = new List<Token>();
        var line = 1;
        var i = 0;
        while (i < source.Length && tokens.Count < maxTokens)
        {
            var c = source[i];
            var start = i;
            var startLine = line;
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && Peek(source, i + 1) == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && Peek(source, i + 1) == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 2;
            }
            else if (c == '"' || ((c == '@' || c == '$') && StringFollows(source, i)))
            {
                var prefix = 0;
                while (source[i + prefix] is '@' or '$')
                {
                    prefix++;
                }

                var prefixText = source.Substring(i, prefix);
                i += prefix;
                var (text, next) = prefixText.Contains('$')
                    ? (string.Empty, SkipInterpolated(source, i, verbatim: prefixText.Contains('@')))
                    : ReadString(source, i, verbatim: prefixText.Contains('@'));
                i = next;
                tokens.Add(new Token(prefixText.Contains('$') ? TokenKind.InterpolatedString : TokenKind.String, text, startLine));
            }
            else if (c == '\'')
            {
                i++;
                while (i < source.Length && source[i] != '\'' && source[i] != '\n')
                {
                    i += source[i] == '\\' ? 2 : 1;
                }

                i++;
                tokens.Add(new Token(TokenKind.Character, source[start..Math.Min(i, source.Length)], startLine));
            }
            else if (char.IsLetterOrDigit(c) || c == '_' || c == '@')
            {
                i++;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, source[start..i].TrimStart('@'), startLine));
            }
            else
            {
                i++;
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), startLine));
            }

            if (i > start)
            {
                line += source.AsSpan(start + 1, Math.Min(i, source.Length) - start - 1).Count('\n');
            }
        }

        return tokens;
    }

    private static char Peek(string source, int index) => index < source.Length ? source[index] : '\0';

    private static bool StringFollows(string source, int index)
    {
        while (index < source.Length && source[index] is '@' or '$')
        {
            index++;
        }

        return Peek(source, index) == '"';
    }

    /// <summary>Reads the literal whose opening quote is at <paramref name="index"/>; raw ("""…""") literals too.</summary>
    private static (string Text, int Next) ReadString(string source, int index, bool verbatim)
    {
        var quotes = 0;
        while (Peek(source, index + quotes) == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            var fence = new string('"', quotes);
            var end = source.IndexOf(fence, index + quotes, StringComparison.Ordinal);
            return end < 0 ? (source[(index + quotes)..], source.Length) : (source[(index + quotes)..end], end + quotes);
        }

        var text = new StringBuilder();
        var i = index + 1;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '"')
            {
                if (verbatim && Peek(source, i + 1) == '"')
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }

                return (text.ToString(), i + 1);
            }

            if (c == '\\' && !verbatim)
            {
                i = Unescape(source, i, text);
                continue;
            }

            text.Append(c);
            i++;
        }

        return (text.ToString(), i);
    }

    /// <summary>Skips an interpolated string (holes may contain further literals).</summary>
    private static int SkipInterpolated(string source, int index, bool verbatim)
    {
        var i = index + 1;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '"' && verbatim && Peek(source, i + 1) == '"')
            {
                i += 2;
            }
            else if (c == '"')
            {
                return i + 1;
            }
            else if (c == '\\' && !verbatim)
            {
                i += 2;
            }
            else if (c == '{' && Peek(source, i + 1) == '{')
            {
                i += 2;
            }
            else if (c == '{')
            {
                var depth = 1;
                i++;
                while (i < source.Length && depth > 0)
                {
                    if (source[i] == '"' || (source[i] is '@' or '$' && StringFollows(source, i)))
                    {
                        var prefix = 0;
                        while (source[i + prefix] is '@' or '$')
                        {
                            prefix++;
                        }

                        var prefixText = source.Substring(i, prefix);
                        i = prefixText.Contains('$')
                            ? SkipInterpolated(source, i + prefix, prefixText.Contains('@'))
                            : ReadString(source, i + prefix, prefixText.Contains('@')).Next;
                        continue;
                    }

                    depth += source[i] == '{' ? 1 : source[i] == '}' ? -1 : 0;
                    i++;
                }
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    private static int Unescape(string source, int index, StringBuilder text)
    {
        var e = Peek(source, index + 1);
        switch (e)
        {
            case 'n': text.Append('\n'); return index + 2;
            case 'r': text.Append('\r'); return index + 2;
            case 't': text.Append('\t'); return index + 2;
            case '0': text.Append('\0'); return index + 2;
            case 'a': text.Append('\a'); return index + 2;
            case 'b': text.Append('\b'); return index + 2;
            case 'f': text.Append('\f'); return index + 2;
            case 'v': text.Append('\v'); return index + 2;
            case 'e': text.Append('\u001b'); return index + 2;
            case 'u':
                text.Append((char)int.Parse(source.AsSpan(index + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                return index + 6;
            case 'U':
                text.Append(char.ConvertFromUtf32(int.Parse(source.AsSpan(index + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                return index + 10;
            case 'x':
                var digits = 0;
                while (digits < 4 && Uri.IsHexDigit(Peek(source, index + 2 + digits)))
                {
                    digits++;
                }

                text.Append((char)int.Parse(source.AsSpan(index + 2, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                return index + 2 + digits;
            default:
                text.Append(e); // \" \' \\
                return index + 2;
        }
    }
}
