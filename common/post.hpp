#pragma once
// The post model: what idx knows about one post file once its front matter and
// body are read. The indexer fills it; the document data stores it; search
// results hand it back.

#include <optional>
#include <string>
#include <vector>

#include "common/post_date.hpp"

namespace idx {

struct Post {
    std::string path;  // canonical path of the file: the post's identity in the index
    std::string url;
    std::string title;
    std::vector<std::string> authors;
    std::vector<std::string> categories;
    std::vector<std::string> tags;
    std::optional<PostDate> date;
    std::string id;    // the exporter's id (WordPress ID); empty when the post has none
    std::string text;  // the body as plain text, block elements separated by newlines
    std::string lang;  // language code (common/language.hpp); empty: none
    bool draft = false;
};

}  // namespace idx
