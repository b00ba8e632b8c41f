#include "indexer/post_parser.hpp"

#include <algorithm>

#include "common/language.hpp"
#include "common/utf8.hpp"
#include "indexer/front_matter.hpp"
#include "indexer/kramdown.hpp"
#include "indexer/markdown.hpp"
#include "indexer/permalink.hpp"
#include "indexer/shortcodes.hpp"

namespace idx::indexer {
namespace {

std::string lower_extension(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos) return {};
    std::string ext(name.substr(dot + 1));
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return ext;
}

std::string_view file_name(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool looks_binary(std::string_view content) {
    return content.substr(0, 8192).find('\0') != std::string_view::npos;
}

ParseResult not_a_post(std::string reason) {
    ParseResult result;
    result.status = ParseStatus::not_a_post;
    result.skip_reason = std::move(reason);
    return result;
}

ParseResult broken(std::string_view path, int line, std::string message) {
    ParseResult result;
    result.status = ParseStatus::error;
    result.error = {std::string(path), line, std::move(message)};
    return result;
}

void set_date(std::string_view path, const FrontMatter& fm, int yaml_first_line, ParseResult& result) {
    if (!fm.date.empty()) {
        if (const auto parsed = parse_post_date(fm.date)) {
            result.post.date = parsed->date;
            if (parsed->offset_dropped)
                result.warnings.push_back({std::string(path), yaml_first_line + fm.date_line - 1,
                                           "date '" + fm.date + "' has an impossible UTC offset; kept without it"});
            return;
        }
    }
    result.post.date = date_from_file_name(file_name(path));
    if (fm.date.empty()) return;  // Jekyll's own convention: no warning
    std::string message = "date '" + fm.date + "' is not a date idx understands (YYYY-MM-DD[ HH:MM:SS][ +HHMM])";
    message += result.post.date ? "; using the date in the file name" : "; the post has no date";
    result.warnings.push_back({std::string(path), yaml_first_line + fm.date_line - 1, std::move(message)});
}

// The post's `lang:`, else the site's, else idx.yaml's (common/language.hpp).
// A value that is no language is reported and the next source used.
void set_language(const FrontMatter& fm, const ParseOptions& options, const IndexSettings& settings,
                  ParseResult& result) {
    for (const std::string* name : {&fm.lang, &options.site_language, &settings.language}) {
        if (name->empty()) continue;
        if (const std::optional<Language> language = resolve_language(*name)) {
            result.post.lang = language->code;
            return;
        }
        if (name == &fm.lang)
            result.warnings.push_back(
                {result.post.path, 0,
                 "lang '" + fm.lang + "' is not a language code such as en, de or zh_cn; ignored"});
    }
}

std::string body_text(std::string_view path, std::string_view body, const ParseOptions& options, ParseResult& result) {
    static const IndexSettings kDefaults;
    const IndexSettings& settings = options.settings ? *options.settings : kDefaults;
    const std::string ext = lower_extension(path);
    const bool markdown = ext == "md" || ext == "markdown";
    std::string cleaned = strip_liquid(strip_shortcodes(body, settings.shortcodes, markdown),
                                       markdown ? LiquidTarget::markdown : LiquidTarget::html);
    // Jekyll renders every Markdown file as Markdown; in a mostly-HTML body (a
    // WordPress export) that is the text between the tags.
    if (markdown) cleaned = markdown_to_html(strip_kramdown_blocks(cleaned), {is_mostly_html(cleaned)});
    erase_liquid_values(cleaned);
    HtmlText html = html_to_text(cleaned, options.html);
    if (html.too_large)
        result.warnings.push_back({std::string(path), 0,
                                   "body of " + std::to_string(cleaned.size() >> 20) + " MiB is over the " +
                                       std::to_string(options.html.max_bytes >> 20) +
                                       " MiB idx parses as HTML; its tags were stripped without parsing"});
    else if (html.used_fallback)
        result.warnings.push_back({std::string(path), 0,
                                   "HTML nested more than " + std::to_string(options.html.max_depth) +
                                       " levels deep; its tags were stripped without parsing"});
    return std::move(html.text);
}

// The file's path below the site's folder ("en/news/_posts/x.md").
std::string_view site_relative(std::string_view path, const Site& site) {
    const std::string_view root = site.root;
    if (!root.empty() && path.size() > root.size() && path.substr(0, root.size()) == root &&
        (path[root.size()] == '/' || root.back() == '/'))
        return path.substr(root.size() + (root.back() == '/' ? 0 : 1));
    return file_name(path);
}

// The post's URL: its own when the front matter gives a full one; else, in a
// Jekyll site, the URL Jekyll forms (with the post's own permalink pattern
// when it has one); else the front matter's as written (possibly none).
std::string post_url(std::string_view path, const FrontMatter& fm, const std::optional<PostDate>& date,
                     const Site* site) {
    if (site == nullptr || (!fm.url.empty() && is_absolute_url(fm.url))) return fm.url;
    PermalinkInput input;
    input.relative_path = site_relative(path, *site);
    if (!site->known && fm.url.empty() && !is_jekyll_post(input.relative_path)) return {};
    input.own_permalink = fm.url;
    input.categories = fm.jekyll_categories;
    input.category = fm.jekyll_category;
    input.slug = fm.slug;
    input.lang = fm.lang.empty() ? std::string_view(site->config.lang) : std::string_view(fm.lang);
    input.date = date;
    return jekyll_url(input, site->config);
}

}  // namespace

bool is_post_extension(std::string_view path) {
    const std::string ext = lower_extension(path);
    return ext == "md" || ext == "markdown" || ext == "html" || ext == "htm";
}

ParseResult parse_post(std::string_view path, std::string_view raw, const ParseOptions& options) {
    if (raw.empty()) return not_a_post("empty file");
    if (looks_binary(raw) && raw.substr(0, 3) != "---") return not_a_post("binary file");
    const std::string content = repair_utf8(raw);

    const auto split = split_front_matter(content);
    if (const auto* problem = std::get_if<SplitProblem>(&split)) {
        if (*problem == SplitProblem::no_front_matter)
            return not_a_post(looks_binary(raw) ? "binary file" : "no front matter (the file does not start with ---)");
        return broken(path, 1, "front matter starts with --- but has no closing --- line");
    }
    const FrontMatterBlock& block = std::get<FrontMatterBlock>(split);

    static const IndexSettings kDefaults;
    const IndexSettings& settings = options.settings ? *options.settings : kDefaults;
    auto parsed = parse_front_matter(block.yaml, settings.keys);
    if (const auto* error = std::get_if<FileMessage>(&parsed)) {
        const int line = error->line > 0 ? block.yaml_first_line + error->line - 1 : 0;
        return broken(path, line, error->message);
    }
    FrontMatter& fm = std::get<FrontMatter>(parsed);

    ParseResult result;
    result.status = fm.draft ? ParseStatus::draft : ParseStatus::post;
    Post& post = result.post;
    post.path = std::string(path);
    post.title = std::move(fm.title);
    post.authors = std::move(fm.authors);
    post.categories = std::move(fm.categories);
    post.tags = std::move(fm.tags);
    post.id = std::move(fm.id);
    post.draft = fm.draft;
    set_date(path, fm, block.yaml_first_line, result);
    set_language(fm, options, settings, result);
    post.url = post_url(path, fm, post.date, options.site);
    post.text = body_text(path, block.body, options, result);
    return result;
}

}  // namespace idx::indexer
