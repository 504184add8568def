using TcpLens.Results.Exporters;

namespace TcpLens.Results;

/// <summary>
/// A table the tool prints or stores, defined once: its name, meaning, typed columns over rows of
/// <typeparamref name="TRow"/>, and named sets of columns (the terminal's default first). Any
/// exporter writes it; commands pick a table, columns and an exporter and format nothing themselves.
/// </summary>
public sealed class Table<TRow>
{
    private readonly Dictionary<string, Column<TRow>> _byName;

    /// <summary>A table of <paramref name="columns"/>; <paramref name="sets"/> names groups of them ("default" is what a terminal shows).</summary>
    public Table(string name, string description, IReadOnlyList<Column<TRow>> columns, IReadOnlyDictionary<string, string[]>? sets = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Name = name;
        Description = description;
        Columns = columns;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Sets = sets ?? new Dictionary<string, string[]>();
        foreach ((string set, string[] names) in Sets)
        {
            foreach (string n in names)
            {
                if (!_byName.ContainsKey(n))
                {
                    throw new ArgumentException($"column set '{set}' of table {name} names an unknown column '{n}'");
                }
            }
        }
    }

    /// <summary>The table's name (the SQL table's, where it is one).</summary>
    public string Name { get; }

    /// <summary>What one row is.</summary>
    public string Description { get; }

    /// <summary>Every column, in output order.</summary>
    public IReadOnlyList<Column<TRow>> Columns { get; }

    /// <summary>Named groups of columns.</summary>
    public IReadOnlyDictionary<string, string[]> Sets { get; }

    /// <summary>The columns' descriptions, in order.</summary>
    public IReadOnlyList<ColumnInfo> Schema => [.. Columns.Select(c => c.Info)];

    /// <summary>The column of that name, or null.</summary>
    public Column<TRow>? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The columns a terminal shows by default: the "default" set, or all.</summary>
    public IReadOnlyList<Column<TRow>> Default => Sets.TryGetValue("default", out string[]? d) ? [.. d.Select(n => _byName[n])] : Columns;

    /// <summary>The columns CSV, JSON and SQL hold by default: the "data" set (leaving out columns drawn for people only), or all.</summary>
    public IReadOnlyList<Column<TRow>> Data => Sets.TryGetValue("data", out string[]? d) ? [.. d.Select(n => _byName[n])] : Columns;

    /// <summary>
    /// The columns that <paramref name="spec"/> names: "all", set names and column names,
    /// comma-separated, in the order given (each column once). An unknown name is an error that
    /// lists the valid ones and suggests the nearest.
    /// </summary>
    public bool TrySelect(string spec, out IReadOnlyList<Column<TRow>> columns, out string? error)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var chosen = new List<Column<TRow>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(Column<TRow> c)
        {
            if (seen.Add(c.Name))
            {
                chosen.Add(c);
            }
        }
        foreach (string raw in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw == "all")
            {
                Data.ToList().ForEach(Add);
            }
            else if (Sets.TryGetValue(raw, out string[]? set))
            {
                foreach (string n in set)
                {
                    Add(_byName[n]);
                }
            }
            else if (_byName.TryGetValue(raw, out Column<TRow>? c))
            {
                Add(c);
            }
            else
            {
                columns = [];
                IEnumerable<string> names = Sets.Keys.Prepend("all").Concat(Columns.Select(x => x.Name));
                string? near = Names.Nearest(raw, names);
                error = $"no column or column set '{raw}'{(near is null ? "" : $" (did you mean '{near}'?)")}; sets: {string.Join(", ", Sets.Keys.Prepend("all"))}; columns: {string.Join(", ", Columns.Select(x => x.Name))}";
                return false;
            }
        }
        columns = chosen;
        error = chosen.Count == 0 ? "no column named" : null;
        return chosen.Count > 0;
    }

    /// <summary>Writes <paramref name="rows"/> with <paramref name="columns"/> (all when null) to <paramref name="exporter"/>, then ends it.</summary>
    public void Write(ITableExporter exporter, IEnumerable<TRow> rows, IReadOnlyList<Column<TRow>>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentNullException.ThrowIfNull(rows);
        using RowWriter<TRow> writer = Begin(exporter, columns);
        foreach (TRow row in rows)
        {
            writer.Write(row);
        }
        writer.Complete();
    }

    /// <summary>Starts writing rows one at a time (for rows read in a loop, such as frames).</summary>
    public RowWriter<TRow> Begin(ITableExporter exporter, IReadOnlyList<Column<TRow>>? columns = null) => new(exporter, columns ?? Columns);
}

/// <summary>Writes rows of one table to an exporter, reusing one buffer of cells.</summary>
public sealed class RowWriter<TRow> : IDisposable
{
    private readonly ITableExporter _exporter;
    private readonly IReadOnlyList<Column<TRow>> _columns;
    private readonly Cell[] _cells;
    private bool _ended;

    internal RowWriter(ITableExporter exporter, IReadOnlyList<Column<TRow>> columns)
    {
        _exporter = exporter;
        _columns = columns;
        _cells = new Cell[columns.Count];
        exporter.Begin([.. columns.Select(c => c.Info)]);
    }

    /// <summary>Writes one row.</summary>
    public void Write(in TRow row)
    {
        for (int i = 0; i < _cells.Length; i++)
        {
            _cells[i] = _columns[i].Read(row);
        }
        _exporter.Row(_cells);
    }

    /// <summary>Ends the table (an exporter that aligns or batches writes what it holds).</summary>
    public void Complete()
    {
        if (!_ended)
        {
            _ended = true;
            _exporter.Complete();
        }
    }

    /// <summary>Ends the table if that was not done.</summary>
    public void Dispose() => Complete();
}
