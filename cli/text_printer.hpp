#pragma once
// The one printer for people: what each command shows on a terminal or in
// cron mail. Search hits with title, date, author, categories, link and
// snippet; facets (a bar chart of months on a terminal); stats; the folders
// of `idx roots`; what `idx add` and `idx rm` have to say. Every field that
// did not come from idx itself is shown terminal-safe (common/display_text.hpp);
// escape codes are idx's own, and only where TextStyle allows them.

#include <ostream>
#include <string>
#include <vector>

#include "indexer/removal.hpp"
#include "indexer/roots.hpp"
#include "indexer/sync.hpp"
#include "query/search.hpp"
#include "query/stats.hpp"

namespace idx::cli {

struct TextStyle {
    bool color = false;  // escape codes: bold titles and matches, dim details
    bool bars = false;   // a bar chart of months (a terminal, even a dumb one)
};

// Bars on a terminal; escape codes only there, and not when TERM is unset
// or "dumb" or NO_COLOR is set (no-color.org).
TextStyle text_style(bool stdout_terminal);

// idx search and idx facets.
void print_hits(std::ostream& out, const query::SearchResult& result, const TextStyle& style);
void print_facets(std::ostream& out, const query::FacetTable& facets, const TextStyle& style);
void print_totals(std::ostream& out, const query::SearchResult& result);
void print_facet_total(std::ostream& out, const query::SearchResult& result);
// On stderr, one sentence, when an answer left members of the set out
// (--allow-partial); nothing for a whole answer.
void print_partial_notice(std::ostream& err, const query::SearchResult& result);
// Terminal-safe text, with idx's bold around matches when `bold`.
std::string snippet_text(const query::Snippet& snippet, bool bold);

void print_stats(std::ostream& out, const query::IndexStats& stats);

// One folder a line with its post count; a newline in a name shown as `\n`.
void print_roots(std::ostream& out, const std::vector<indexer::RootInfo>& roots);
std::string one_line(const std::string& path);
void print_root_forgotten(std::ostream& err, const std::string& root, std::size_t removed);

// idx rm on stderr: each path not in the index; on a terminal, what went.
void print_rm_report(std::ostream& err, const indexer::RemoveReport& report, bool terminal);

// idx add on stderr. Errors and missing folders always (cron mail);
// warnings and files still failing on a terminal or with -v; skips with -v.
struct AddVerbosity {
    bool terminal = false;
    bool verbose = false;
};
void print_add_messages(std::ostream& err, const indexer::SyncReport& report, const AddVerbosity& verbosity);
void print_add_summary(std::ostream& err, const indexer::SyncReport& report);
// PATH[:LINE]: message, on one line whatever the file name holds.
std::string located(const indexer::FileMessage& message);

}  // namespace idx::cli
