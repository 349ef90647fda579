namespace CpTraining.Web;

/// <summary>
/// Marker for the one shared resource file. Keys are the English texts, so English needs no resource file;
/// <c>Resources/SharedResource.uk.resx</c> holds the Ukrainian translations (a test checks it is complete).
/// </summary>
public sealed class SharedResource;
