#pragma once
// The post's text as stored for snippets (schema::slot::text): compressed
// with zstd by the indexing threads. Xapian compresses document data with
// zlib inside its single writer; with the text there, zlib was 40% of the
// writer's instructions (callgrind, 1,000 whenitson posts: 1.05 G of 2.6 G,
// a third of it deflateReset clearing zlib's window for every document).
// Compressed here, in parallel, and kept in a value slot (values are stored
// as given), the writer does none of that, and a search decompresses ten
// snippets' text faster with zstd than with zlib.

#include <optional>
#include <string>
#include <string_view>

namespace idx {

// Empty text gives an empty value (nothing stored).
std::string encode_stored_text(std::string_view text);

// Nothing when `bytes` is not a stored text of this format (or would expand
// past kMaxDecodedText); empty text for an empty value.
std::optional<std::string> decode_stored_text(std::string_view bytes);

// A stored text never decodes to more than this (the indexer stores at most
// 1 MiB): protection against a damaged or hostile value.
inline constexpr std::size_t kMaxDecodedText = 4u * 1024 * 1024;

}  // namespace idx
