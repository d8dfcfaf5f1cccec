using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StudyBot.Discord.Tests.Emulator;

/// <summary>Validates request bodies against the request-body schema of the matching operation in Discord's
/// OpenAPI description. Implements the JSON-schema subset the spec uses: type (also as a list), properties,
/// required, additionalProperties, items, min/maxItems, min/maxLength, minimum/maximum, min/maxProperties,
/// enum, const, pattern, oneOf/anyOf/allOf, $ref and OpenAPI's nullable.</summary>
internal sealed class OpenApiRequestValidator
{
    private static readonly Lazy<OpenApiRequestValidator> Shared = new(() => new OpenApiRequestValidator(LocateSpec()));

    private readonly JsonDocument spec;
    private readonly List<(string Method, Regex Pattern, int Literals, JsonElement Schema)> operations = [];
    private readonly List<(string Method, Regex Pattern, int Literals, JsonElement Schema)> responseSchemas = [];

    private OpenApiRequestValidator(string path)
    {
        spec = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var pathItem in spec.RootElement.GetProperty("paths").EnumerateObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(pathItem.Name), @"\\\{[^/]+?}", "[^/]+") + "$", RegexOptions.CultureInvariant);
            var literals = pathItem.Name.Split('/').Count(s => s.Length > 0 && !s.StartsWith('{'));
            foreach (var op in pathItem.Value.EnumerateObject())
            {
                if (op.Value.ValueKind == JsonValueKind.Object
                    && op.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    operations.Add((op.Name.ToUpperInvariant(), pattern, literals, json.GetProperty("schema")));
                }

                if (op.Value.ValueKind == JsonValueKind.Object
                    && op.Value.TryGetProperty("responses", out var responses)
                    && responses.TryGetProperty("200", out var ok)
                    && ok.TryGetProperty("content", out var okContent)
                    && okContent.TryGetProperty("application/json", out var okJson))
                {
                    responseSchemas.Add((op.Name.ToUpperInvariant(), pattern, literals, okJson.GetProperty("schema")));
                }
            }
        }
    }

    public static OpenApiRequestValidator Instance => Shared.Value;

    /// <summary>Problems with the body, empty when it is valid; one entry if no operation matches.</summary>
    public IReadOnlyList<string> Validate(string method, string relativePath, JsonElement body) => Validate(operations, method, relativePath, body);

    /// <summary>Problems with a 200 response body the emulator is about to send, empty when Discord could send it.</summary>
    public IReadOnlyList<string> ValidateResponse(string method, string relativePath, JsonElement body) => Validate(responseSchemas, method, relativePath, body);

    private IReadOnlyList<string> Validate(List<(string Method, Regex Pattern, int Literals, JsonElement Schema)> candidates, string method, string relativePath, JsonElement body)
    {
        var match = candidates
            .Where(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && o.Pattern.IsMatch(relativePath))
            .OrderByDescending(o => o.Literals)
            .Select(o => (JsonElement?)o.Schema)
            .FirstOrDefault();
        if (match is not { } schema)
        {
            return [$"{method} {relativePath}: no operation with such a JSON body in the spec"];
        }

        var errors = new List<string>();
        Check(schema, body, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, at, errors);
        }

        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True && value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{at}: expected {type.GetRawText()}, got {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{at}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{at}: expected {constant.GetRawText()}");
        }

        foreach (var part in Array("allOf", schema))
        {
            Check(part, value, at, errors);
        }

        var anyOf = Array("anyOf", schema);
        if (anyOf.Count > 0 && !anyOf.Any(s => Passes(s, value, at)))
        {
            errors.Add($"{at}: matches none of anyOf ({Explain(anyOf, value, at)})");
        }

        var oneOf = Array("oneOf", schema);
        if (oneOf.Count > 0)
        {
            var matches = oneOf.Count(s => Passes(s, value, at));
            if (matches != 1)
            {
                errors.Add($"{at}: matches {matches} of oneOf ({Explain(oneOf, value, at)})");
            }
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var length = value.GetString()!.EnumerateRunes().Count();
                if (schema.TryGetProperty("maxLength", out var maxLength) && length > maxLength.GetInt32())
                {
                    errors.Add($"{at}: length {length} exceeds maxLength {maxLength}");
                }

                if (schema.TryGetProperty("minLength", out var minLength) && length < minLength.GetInt32())
                {
                    errors.Add($"{at}: length {length} below minLength {minLength}");
                }

                if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value.GetString()!, pattern.GetString()!, RegexOptions.CultureInvariant))
                {
                    errors.Add($"{at}: does not match {pattern}");
                }

                break;
            case JsonValueKind.Number:
                var number = value.GetDecimal();
                if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDecimal())
                {
                    errors.Add($"{at}: {number} exceeds maximum {maximum}");
                }

                if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDecimal())
                {
                    errors.Add($"{at}: {number} below minimum {minimum}");
                }

                break;
            case JsonValueKind.Array:
                var count = value.GetArrayLength();
                if (schema.TryGetProperty("maxItems", out var maxItems) && count > maxItems.GetInt32())
                {
                    errors.Add($"{at}: {count} items exceed maxItems {maxItems}");
                }

                if (schema.TryGetProperty("minItems", out var minItems) && count < minItems.GetInt32())
                {
                    errors.Add($"{at}: {count} items below minItems {minItems}");
                }

                if (schema.TryGetProperty("items", out var items))
                {
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Check(items, item, $"{at}[{i++}]", errors);
                    }
                }

                break;
            case JsonValueKind.Object:
                CheckObject(schema, value, at, errors);
                break;
            default:
                break;
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        foreach (var name in Array("required", schema))
        {
            if (!value.TryGetProperty(name.GetString()!, out _))
            {
                errors.Add($"{at}: missing required '{name.GetString()}'");
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, $"{at}.{property.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{at}: unexpected property '{property.Name}'");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, property.Value, $"{at}.{property.Name}", errors);
                }
            }
        }

        if (schema.TryGetProperty("maxProperties", out var maxProperties) && count > maxProperties.GetInt32())
        {
            errors.Add($"{at}: {count} properties exceed maxProperties {maxProperties}");
        }

        if (schema.TryGetProperty("minProperties", out var minProperties) && count < minProperties.GetInt32())
        {
            errors.Add($"{at}: {count} properties below minProperties {minProperties}");
        }
    }

    private bool Passes(JsonElement schema, JsonElement value, string at)
    {
        var errors = new List<string>();
        Check(schema, value, at, errors);
        return errors.Count == 0;
    }

    private string Explain(List<JsonElement> alternatives, JsonElement value, string at) =>
        string.Join(" | ", alternatives.Select(s =>
        {
            var errors = new List<string>();
            Check(s, value, at, errors);
            return errors.Count == 0 ? "ok" : errors[0];
        }));

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => TypeMatches(t.GetString()!, value))
        : TypeMatches(type.GetString()!, value);

    private static bool TypeMatches(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        // The spec types some documented string fields (permission bit sets) as integers; Discord accepts
        // integer-parseable strings there, as the spec's own notes say.
        "integer" => (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _))
            || (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out _)),
        _ => true,
    };

    private static List<JsonElement> Array(string name, JsonElement schema) =>
        schema.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray()] : [];

    private JsonElement Resolve(string reference)
    {
        var node = spec.RootElement;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            node = node.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return node;
    }

    private static string LocateSpec()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "discord-api-spec", "openapi.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Discord's OpenAPI spec (../shared/data/discord-api-spec/openapi.json) was not found above the test directory.");
    }
}
