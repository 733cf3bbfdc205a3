using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace CommonsCall.Web.Tests.Components;

/// <summary>
/// bunit 2.15 asks for AngleSharp.Diffing 1.x, which our package source lacks; 0.17.0 has what bunit uses at
/// run time (see TOOLCHAIN.md). It is copied to bunit-deps/ and handed over when the runtime cannot bind it.
/// </summary>
internal static class BunitAssemblyResolver
{
    [ModuleInitializer]
    internal static void Register() =>
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "AngleSharp.Diffing"
                ? context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "bunit-deps", "AngleSharp.Diffing.dll"))
                : null;
}
