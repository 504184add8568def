namespace TcpLens.Plots.Report.Html;

/// <summary>
/// The report's script, inline and dependency-free. It makes every <c>table.sortable</c> sort by
/// a clicked heading (numbers by their <c>data-v</c> value, absent values last either way),
/// records script errors in <c>body[data-errors]</c> and, when done, sets
/// <c>body[data-ready="yes"]</c>: the headless-browser test reads both from the rendered DOM.
/// Opened with <c>#selftest</c>, it also sorts each table both ways and checks the order
/// (<c>body[data-selftest]</c>).
/// </summary>
internal static class ReportScript
{
    /// <summary>Registered first, in the head, so errors in anything later are seen.</summary>
    public const string ErrorTrap = """
        window.addEventListener('error', function (e) {
          var b = document.body, m = (e && e.message) || 'script error';
          if (b) { b.setAttribute('data-errors', ((b.getAttribute('data-errors') || '') + ' | ' + m).replace(/^ \| /, '')); }
          else { (window.tcplensEarlyErrors = window.tcplensEarlyErrors || []).push(m); }
        });
        """;

    public const string Sorting = """
        (function () {
          'use strict';
          var early = window.tcplensEarlyErrors || [];
          if (early.length) { document.body.setAttribute('data-errors', early.join(' | ')); }

          function key(cell, numeric) {
            if (!numeric) { return cell.textContent.trim(); }
            var v = cell.getAttribute('data-v');
            if (v === null || v === '') { return null; }
            var n = parseFloat(v);
            return isNaN(n) ? null : n;
          }

          function compare(a, b, numeric) {
            if (numeric) { return a < b ? -1 : a > b ? 1 : 0; }
            return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
          }

          function sort(table, index, th) {
            var numeric = th.classList.contains('num');
            var current = th.getAttribute('aria-sort');
            // first click: numbers largest first (the worst), text A to Z
            var dir = current === 'descending' ? 1 : current === 'ascending' ? -1 : (numeric ? -1 : 1);
            Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
            var body = table.tBodies[0];
            var rows = Array.prototype.map.call(body.rows, function (row, i) {
              return { row: row, key: key(row.cells[index], numeric), i: i };
            });
            rows.sort(function (a, b) {
              if (a.key === null || b.key === null) {
                return a.key === b.key ? a.i - b.i : (a.key === null ? 1 : -1);
              }
              return dir * compare(a.key, b.key, numeric) || a.i - b.i;
            });
            rows.forEach(function (r) { body.appendChild(r.row); });
          }

          var tables = document.querySelectorAll('table.sortable');
          Array.prototype.forEach.call(tables, function (table) {
            var head = table.tHead && table.tHead.rows[0];
            if (!head) { return; }
            Array.prototype.forEach.call(head.cells, function (th, index) {
              th.tabIndex = 0;
              th.addEventListener('click', function () { sort(table, index, th); });
              th.addEventListener('keydown', function (e) {
                if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(table, index, th); }
              });
            });
          });

          function ordered(table, index, dir) {
            var keys = Array.prototype.map.call(table.tBodies[0].rows, function (r) { return key(r.cells[index], true); })
              .filter(function (k) { return k !== null; });
            for (var i = 1; i < keys.length; i++) { if (dir * (keys[i] - keys[i - 1]) < 0) { return false; } }
            return true;
          }

          if (location.hash === '#selftest') {
            var failed = [];
            Array.prototype.forEach.call(tables, function (table) {
              var cells = table.tHead.rows[0].cells, index = -1;
              for (var i = 0; i < cells.length && index < 0; i++) { if (cells[i].classList.contains('num')) { index = i; } }
              if (index < 0) { return; }
              cells[index].click();
              if (!ordered(table, index, -1)) { failed.push(table.id + ' descending'); }
              cells[index].click();
              if (!ordered(table, index, 1)) { failed.push(table.id + ' ascending'); }
            });
            document.body.setAttribute('data-selftest', failed.length ? 'failed: ' + failed.join(', ') : 'ok');
          }

          document.body.setAttribute('data-tables', String(tables.length));
          document.body.setAttribute('data-ready', 'yes');
        })();
        """;
}
