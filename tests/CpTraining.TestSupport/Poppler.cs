using System.Diagnostics;

namespace CpTraining.TestSupport;

/// <summary>Reads a PDF back with poppler-utils (pdftotext, pdfinfo, pdffonts), as a person checking the file would.</summary>
public static class Poppler
{
    public static Task<string> TextAsync(byte[] pdf) => RunAsync("pdftotext", pdf, "-layout", "{file}", "-");

    public static Task<string> InfoAsync(byte[] pdf) => RunAsync("pdfinfo", pdf, "{file}");

    public static Task<string> FontsAsync(byte[] pdf) => RunAsync("pdffonts", pdf, "{file}");

    /// <summary>pdfimages -list: one row per image drawn on a page.</summary>
    public static Task<string> ImagesAsync(byte[] pdf) => RunAsync("pdfimages", pdf, "-list", "{file}");

    /// <summary>The text of each page (pdftotext -layout, split at the form feeds), page 1 first.</summary>
    public static async Task<IReadOnlyList<string>> PagesAsync(byte[] pdf) =>
        [.. (await TextAsync(pdf)).Split('\f').SkipLast(1)];

    /// <summary>Saves every page as PNG at <paramref name="dpi"/> (pdftoppm) as <paramref name="prefix"/>-N.png in <paramref name="directory"/>.</summary>
    public static async Task SavePngsAsync(byte[] pdf, string directory, string prefix, int dpi = 60)
    {
        Directory.CreateDirectory(directory);
        await RunAsync("pdftoppm", pdf, "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", "{file}", Path.Combine(directory, prefix));
    }

    private static async Task<string> RunAsync(string tool, byte[] pdf, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), "cptraining-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg == "{file}" ? file : arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed: {error}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
