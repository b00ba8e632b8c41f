#pragma once
// Front matter: the YAML block between `---` lines at the top of a post.
// split_front_matter() finds it; parse_front_matter() reads it with yaml-cpp
// and maps exporter-specific keys onto idx's fields. Both are pure.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/config.hpp"
#include "indexer/file_message.hpp"

namespace idx::indexer {

struct FrontMatterBlock {
    std::string_view yaml;    // the text between the two `---` lines
    std::string_view body;    // everything after the closing line
    int yaml_first_line = 2;  // 1-based file line where `yaml` starts
};

enum class SplitProblem {
    no_front_matter,  // the file does not start with a `---` line: not a post
    unterminated,     // an opening `---` without a closing one: a broken post
};

// Tolerates a UTF-8 byte order mark, CRLF line endings and trailing blanks on
// the `---` lines. A closing `...` (YAML's document end) is accepted too.
std::variant<FrontMatterBlock, SplitProblem> split_front_matter(std::string_view content);

// The fields idx reads from front matter, still as the post wrote them except
// that text has its HTML entities decoded and its whitespace collapsed, and
// the title its HTML tags and Liquid removed (`<em>live</em>`, `{{ site.title }}`).
struct FrontMatter {
    std::string title;
    std::string date;  // raw text; parsed by the caller, which knows the file name
    int date_line = 0;
    std::vector<std::string> authors;
    std::vector<std::string> categories;  // comma-separated strings already split
    std::vector<std::string> tags;
    std::string url;
    std::string id;
    std::string lang;    // as written; common/language.hpp makes sense of it
    bool draft = false;  // `published: false`
    // What Jekyll itself reads for the URL, whatever the key mapping says:
    // `categories:` split at blanks when a string, `category:` one value,
    // `slug:`. As written, not entity-decoded.
    std::vector<std::string> jekyll_categories;
    std::vector<std::string> jekyll_category;
    std::string slug;
};

// An error's line is within the YAML text (1-based; 0 when unknown) and its
// path empty: parse_post turns it into the file's line and names the file.
std::variant<FrontMatter, FileMessage> parse_front_matter(std::string_view yaml, const KeyMapping& keys);

// Splits on commas, trims blanks, drops empty items and repeats.
std::vector<std::string> split_commas(const std::vector<std::string>& values);

}  // namespace idx::indexer
