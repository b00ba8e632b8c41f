#pragma once
// The byte layouts idx stores in a Xapian document: the document data (what a
// search result shows), the facet value (what facet counting reads) and the
// source value (what an incremental run compares with the disk). Each layout
// is a Packer record that starts with its own format number.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/post.hpp"

namespace idx {

// Document data: the Post without its text, which is stored compressed in
// schema::slot::text (stored_text.hpp). decode_document_data leaves text empty;
// decode_post puts the two together.
std::string encode_document_data(const Post& post);
std::optional<Post> decode_document_data(std::string_view bytes);
std::optional<Post> decode_post(std::string_view data, std::string_view stored_text);

// Facet value (schema::slot::facets): author, category and tag lists and the
// `YYYY-MM` month, in the order of FacetField.
enum class FacetField : int { author = 0, category = 1, tag = 2, month = 3 };
inline constexpr int kFacetFieldCount = 4;

std::string encode_facets(const Post& post);

// Calls visit(FacetField, std::string_view value) for every value in `bytes`.
// Returns false when the record is malformed (the values seen so far were visited).
template <typename Visit>
bool visit_facets(std::string_view bytes, Visit&& visit);

// Source value (schema::slot::source): where the post came from and what the
// file looked like when it was indexed.
struct SourceRecord {
    std::string path;
    std::int64_t mtime_ns = 0;
    std::uint64_t size = 0;
    std::string content_hash;  // 16 bytes of XXH3-128

    bool operator==(const SourceRecord&) const = default;
};

std::string encode_source(const SourceRecord& source);
std::optional<SourceRecord> decode_source(std::string_view bytes);

}  // namespace idx

#include "common/records_inl.hpp"
