using System.Security.Cryptography;
using System.Text;

namespace CommonsCall.Web.Features.Accounts;

/// <summary>Random secrets handed out once (invitation links, access tokens), of which only a SHA-256 hash is kept.</summary>
public static class SecretTokens
{
    public static string Create() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
