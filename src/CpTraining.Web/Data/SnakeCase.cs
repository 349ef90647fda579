using System.Text;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Data;

/// <summary>
/// snake_case names for every column, key, index and foreign key (the EFCore.NamingConventions package is
/// not available here). Table names are set explicitly in the configurations.
/// </summary>
internal static class SnakeCase
{
    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() != "xmin")
                {
                    // Backing fields mapped directly ("_fileIds") are named like their property.
                    property.SetColumnName(Convert(property.Name.TrimStart('_')));
                }
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(Convert(key.GetName() ?? key.GetDefaultName() ?? string.Empty));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(Convert(foreignKey.GetConstraintName() ?? foreignKey.GetDefaultName() ?? string.Empty));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(Convert(index.GetDatabaseName() ?? index.GetDefaultDatabaseName() ?? string.Empty));
            }
        }
    }

    public static string Convert(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                var previousIsUpper = i > 0 && char.IsUpper(name[i - 1]);
                if (i > 0 && name[i - 1] != '_' && (previousIsLowerOrDigit || (previousIsUpper && nextIsLower)))
                {
                    result.Append('_');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
