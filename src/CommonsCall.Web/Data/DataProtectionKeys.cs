using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace CommonsCall.Web.Data;

/// <summary>A data-protection key ring element, stored in PostgreSQL so that every app instance shares it.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = string.Empty;

    public string Xml { get; set; } = string.Empty;
}

/// <summary>
/// Keeps the data-protection keys (cookies, antiforgery) in the database: sign-ins survive a restart and
/// are understood by every instance. (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore is not in
/// our package source; this is the same idea in a few lines.)
/// </summary>
public sealed class DatabaseXmlRepository(IDbContextFactory<AppDbContext> factory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = factory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = factory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
