using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace StudyBot.Discord.Http;

/// <summary>Why a signed request was refused. Logged; the request itself gets a bare 401.</summary>
internal enum SignatureVerdict
{
    Valid,
    MissingHeaders,
    MalformedSignature,
    StaleTimestamp,
    BadSignature,
}

/// <summary>Checks Discord's Ed25519 signature (X-Signature-Ed25519) over timestamp + body with the
/// application's public key, and refuses timestamps more than five minutes away from now (replays).</summary>
internal sealed class InteractionSignatureVerifier
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private readonly Ed25519PublicKeyParameters publicKey;
    private readonly TimeProvider time;

    public InteractionSignatureVerifier(string publicKeyHex, TimeProvider time)
    {
        publicKey = new Ed25519PublicKeyParameters(Convert.FromHexString(publicKeyHex), 0);
        this.time = time;
    }

    public SignatureVerdict Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureVerdict.MissingHeaders;
        }

        if (signatureHex.Length != 128 || !signatureHex.All(Uri.IsHexDigit))
        {
            return SignatureVerdict.MalformedSignature;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxClockSkew)
        {
            return SignatureVerdict.StaleTimestamp;
        }

        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[stamp.Length + body.Length];
        stamp.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(stamp.Length));

        var signer = new Ed25519Signer();
        signer.Init(forSigning: false, publicKey);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(Convert.FromHexString(signatureHex)) ? SignatureVerdict.Valid : SignatureVerdict.BadSignature;
    }
}
