#pragma once
// One file's bytes to a Post, or the reason it is not one. Pure: the caller
// reads the file; this decides what the file means (Omega's index_file.cc
// plays the same part). Never throws for bad input.

#include <string>
#include <string_view>
#include <vector>

#include "common/config.hpp"
#include "common/post.hpp"
#include "indexer/file_message.hpp"
#include "indexer/html_text.hpp"
#include "indexer/site.hpp"

namespace idx::indexer {

struct ParseOptions {
    const IndexSettings* settings = nullptr;  // key mapping and shortcodes; defaults when null
    HtmlLimits html;
    // The language of posts without `lang:`, from the Jekyll site's
    // _config.yml; empty: settings->language (idx.yaml) decides.
    std::string site_language;
    const Site* site = nullptr;  // the Jekyll site the file belongs to; null: none known
};

enum class ParseStatus {
    post,        // a post to index
    not_a_post,  // empty, binary or without front matter: skipped, no error
    draft,       // `published: false`: skipped unless drafts are wanted
    error,       // broken front matter: reported, any earlier document kept
};

struct ParseResult {
    ParseStatus status = ParseStatus::error;
    Post post;                          // filled for `post` and `draft`
    std::string skip_reason;            // for `not_a_post`
    FileMessage error;                  // for `error`
    std::vector<FileMessage> warnings;  // the post was indexed, but see these
};

// `path` names the file in messages and gives the extension (Markdown or
// HTML) and the `YYYY-MM-DD-` date fallback; `content` is the file's bytes.
ParseResult parse_post(std::string_view path, std::string_view content, const ParseOptions& options);

// True for the file extensions idx reads: .md .markdown .html .htm (any case).
bool is_post_extension(std::string_view path);

}  // namespace idx::indexer
