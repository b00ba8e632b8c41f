#include "cli/text_printer.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cli/plural.hpp"
#include "common/display_text.hpp"

namespace idx::cli {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kDim = "\033[2m";
constexpr const char* kReset = "\033[0m";
constexpr std::size_t kBarWidth = 40;

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

// `2016-02-21 18:12` (+offset when the post had one): easier to read than ISO.
std::string short_date(const PostDate& d) {
    std::string iso = to_iso8601(d);
    iso[10] = ' ';
    return iso.substr(0, 16) + (d.utc_offset_minutes ? " " + iso.substr(19) : "");
}

void print_list(std::ostream& out, const char* label, const std::vector<query::FacetValue>& values) {
    if (values.empty()) return;
    out << label << ": ";
    bool first = true;
    for (const query::FacetValue& v : values) {
        out << (first ? "" : ", ") << terminal_safe(v.value) << " (" << v.count << ")";
        first = false;
    }
    out << "\n";
}

}  // namespace

TextStyle text_style(bool stdout_terminal) {
    const char* term = std::getenv("TERM");
    const char* no_color = std::getenv("NO_COLOR");
    const bool dumb = term == nullptr || *term == '\0' || std::string_view(term) == "dumb";
    const bool refused = no_color != nullptr && *no_color != '\0';
    return TextStyle{stdout_terminal && !dumb && !refused, stdout_terminal};
}

void print_hits(std::ostream& out, const query::SearchResult& result, const TextStyle& style) {
    for (const query::Hit& hit : result.hits) {
        const Post& post = hit.post;
        const std::string title = post.title.empty() ? "(untitled)" : terminal_safe(post.title);
        out << hit.rank << ". " << (style.color ? kBold : "") << title << (style.color ? kReset : "") << "\n";
        std::vector<std::string> meta;
        if (post.date) meta.push_back(short_date(*post.date));
        if (!post.authors.empty()) meta.push_back(join(post.authors, ", "));
        if (!post.categories.empty()) meta.push_back(join(post.categories, ", "));
        if (!post.tags.empty()) meta.push_back("tags: " + join(post.tags, ", "));
        if (!meta.empty())
            out << "   " << (style.color ? kDim : "") << terminal_safe(join(meta, " · ")) << (style.color ? kReset : "")
                << "\n";
        out << "   " << terminal_safe(post.url.empty() ? post.path : post.url) << "\n";
        const std::string snippet = snippet_text(hit.snippet, style.color);
        if (!snippet.empty()) out << "   " << snippet << "\n";
        out << "\n";
    }
}

void print_facets(std::ostream& out, const query::FacetTable& facets, const TextStyle& style) {
    using query::Facet;
    print_list(out, "Authors", facets[static_cast<std::size_t>(Facet::author)]);
    print_list(out, "Categories", facets[static_cast<std::size_t>(Facet::category)]);
    print_list(out, "Tags", facets[static_cast<std::size_t>(Facet::tag)]);
    print_list(out, "Languages", facets[static_cast<std::size_t>(Facet::lang)]);
    print_list(out, "Years", facets[static_cast<std::size_t>(Facet::year)]);
    const auto& months = facets[static_cast<std::size_t>(Facet::month)];
    if (months.empty()) return;
    if (!style.bars) {
        print_list(out, "Months", months);
        return;
    }
    Xapian::doccount most = 1;
    for (const query::FacetValue& m : months) most = std::max(most, m.count);
    out << "Months:\n";
    for (const query::FacetValue& m : months) {
        const std::size_t width = std::max<std::size_t>(1, m.count * kBarWidth / most);
        std::string bar;
        for (std::size_t i = 0; i < width; ++i) bar += "█";
        out << "  " << terminal_safe(m.value) << " " << bar << " " << m.count << "\n";
    }
}

void print_totals(std::ostream& out, const query::SearchResult& result) {
    out << result.hits.size() << " of " << (result.total_exact ? "" : "about ")
        << counted(result.total, "match", "matches") << "\n";
    if (result.corrected_query) out << "Did you mean: " << terminal_safe(*result.corrected_query) << "?\n";
}

void print_facet_total(std::ostream& out, const query::SearchResult& result) {
    out << counted(result.total, "match", "matches") << "\n";
}

void print_partial_notice(std::ostream& err, const query::SearchResult& result) {
    if (!result.partial()) return;
    const std::size_t members = result.members;
    std::string names;
    for (const DatabaseSpec& member : result.missing) names += (names.empty() ? "" : ", ") + member.name();
    const std::size_t missing = result.missing.size();
    err << "idx: partial answer: " << missing << " of " << counted(members, "database", "databases")
        << (missing == 1 ? " does" : " do") << " not answer (" << terminal_safe(names)
        << "); the results and counts are of the other " << (members - missing) << " only\n";
}

std::string snippet_text(const query::Snippet& snippet, bool bold) {
    std::string out;
    for (const query::SnippetPart& part : snippet.parts) {
        // The stored text is the post's: shown safe, with only idx's own bold codes.
        if (part.match && bold)
            out += kBold + terminal_safe(part.text) + kReset;
        else
            out += terminal_safe(part.text);
    }
    return out;
}

void print_stats(std::ostream& out, const query::IndexStats& stats) {
    // The folders and metadata come from the database, which anyone may have
    // written: shown terminal-safe.
    out << "database:  " << terminal_safe(stats.path) << "\n"
        << "documents: " << stats.documents << "\n"
        << "size:      " << (stats.bytes_on_disk + 512 * 1024) / (1024 * 1024) << " MiB\n"
        << "schema:    " << terminal_safe(stats.schema_version) << " (language " << terminal_safe(stats.language)
        << ")\n";
    for (const std::string& root : stats.roots) out << "folder:    " << terminal_safe(root) << "\n";
    if (const auto& run = stats.last_run) {
        out << "last run:  " << terminal_safe(run->time) << ": " << run->added << " added, " << run->updated
            << " updated, " << run->removed << " removed, " << counted(run->errors, "error", "errors") << "\n";
    }
    if (!stats.failures.empty()) out << "failing:   " << stats.failures.size() << " posts\n";
    for (const FailureRecord& f : stats.failures)
        out << "  " << terminal_safe(f.path) << (f.line > 0 ? ":" + std::to_string(f.line) : std::string()) << ": "
            << terminal_safe(f.reason) << "\n";
}

std::string one_line(const std::string& path) {
    std::string out;
    for (const char c : path) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\\')
            out += "\\\\";
        else
            out += c;
    }
    return terminal_safe(out);
}

void print_roots(std::ostream& out, const std::vector<indexer::RootInfo>& roots) {
    for (const indexer::RootInfo& r : roots)
        out << r.posts << "\t" << one_line(r.path) << (r.exists ? "" : "\t(gone: idx roots rm to forget it)") << "\n";
}

void print_root_forgotten(std::ostream& err, const std::string& root, std::size_t removed) {
    err << one_line(root) << ": forgotten, " << removed << " posts removed\n";
}

void print_rm_report(std::ostream& err, const indexer::RemoveReport& report, bool terminal) {
    for (const std::string& path : report.not_indexed)
        err << "idx rm: " << terminal_safe(path) << ": not in the index\n";
    if (!terminal) return;
    err << counted(report.removed, "document", "documents") << " removed\n";
    for (const std::string& root : report.dropped_roots) err << "folder forgotten: " << terminal_safe(root) << "\n";
}

// One line of stderr (cron mail) per message: a file name holding a newline
// or an escape sequence is shown escaped, so it can neither forge a line nor
// drive the terminal.
std::string located(const indexer::FileMessage& m) {
    const std::string where = m.line > 0 ? m.path + ":" + std::to_string(m.line) : m.path;
    return terminal_safe(where + ": " + m.message);
}

void print_add_messages(std::ostream& err, const indexer::SyncReport& report, const AddVerbosity& verbosity) {
    for (const indexer::FileMessage& e : report.errors) err << located(e) << "\n";
    // Also under cron: without it a moved folder would go unnoticed for ever.
    for (const indexer::FileMessage& w : report.missing_roots) err << located(w) << " (warning)\n";
    if (verbosity.terminal || verbosity.verbose) {
        for (const indexer::FileMessage& w : report.warnings) err << located(w) << " (warning)\n";
        for (const indexer::FileMessage& f : report.still_failing)
            err << located(f) << " (still failing, reported before)\n";
    }
    if (verbosity.verbose) {
        for (const indexer::FileMessage& s : report.skips) err << located(s) << " (skipped)\n";
    }
}

void print_add_summary(std::ostream& err, const indexer::SyncReport& r) {
    std::string still;
    if (!r.still_failing.empty()) still = " (and " + std::to_string(r.still_failing.size()) + " still failing)";
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f s", r.seconds);
    err << counted(r.files, "file", "files") << ": " << r.added << " added, " << r.updated << " updated, "
        << r.unchanged << " unchanged, " << r.skipped << " skipped, " << counted(r.errors.size(), "error", "errors")
        << still << "; " << r.removed << " removed; " << seconds << "\n";
}

}  // namespace idx::cli
