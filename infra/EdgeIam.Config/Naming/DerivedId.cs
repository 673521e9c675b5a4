using YamlDotNet.RepresentationModel;

namespace EdgeIam.Config.Naming;

/// <summary>A construct ID the stack will get from a stack-file name, and where that name is written.</summary>
/// <param name="Id">The construct ID (see <see cref="ConstructIds"/>).</param>
/// <param name="What">What carries it, for messages: <c>fleet 'cam-1'</c>.</param>
/// <param name="KeyPath">The key path of the name, e.g. <c>edgeFleets[1].name</c>.</param>
/// <param name="Node">The name's YAML node, for line and column; null when unknown.</param>
internal sealed record DerivedId(string Id, string What, string KeyPath, YamlNode? Node);
