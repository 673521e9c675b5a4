namespace EdgeIam.Policy.Templates;

/// <summary>Bad input: a template or manifest that cannot be read. The message names the file and the JSON path.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string filePath, string jsonPath, string message)
        : base(jsonPath == Model.JsonPaths.Root ? $"{filePath}: {message}" : $"{filePath}: {jsonPath}: {message}")
    {
        FilePath = filePath;
        JsonPath = jsonPath;
    }

    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string FilePath { get; } = string.Empty;

    public string JsonPath { get; } = "$";
}
