#include "cli/result_text.hpp"

#include <algorithm>
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
        if (!meta.empty()) out << "   " << (style.color ? kDim : "") << terminal_safe(join(meta, " · ")) << (style.color ? kReset : "") << "\n";
        out << "   " << terminal_safe(post.url.empty() ? post.path : post.url) << "\n";
        const std::string snippet = query::snippet_text(hit.snippet, style.color);
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

}  // namespace idx::cli
