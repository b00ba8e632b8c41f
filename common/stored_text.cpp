#include "common/stored_text.hpp"

#include <zstd.h>

#include "common/schema.hpp"

#include <memory>

namespace idx {
namespace {

// zstd's level 3 (its default): compresses posts as tightly as zlib's
// default at several times the speed.
constexpr int kLevel = 3;

struct ContextDeleter {
    void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
    void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};

// One compression context per indexing thread, reused for every post.
ZSTD_CCtx* compression_context() {
    thread_local std::unique_ptr<ZSTD_CCtx, ContextDeleter> context(ZSTD_createCCtx());
    return context.get();
}

// One decompression context per searching thread, reused for every hit:
// ZSTD_decompress() makes and frees a context of about 160 KB for each call,
// which took 19 us a whenitson post against 6 us with the context kept
// (a search decodes ten posts' text for its snippets).
ZSTD_DCtx* decompression_context() {
    thread_local std::unique_ptr<ZSTD_DCtx, ContextDeleter> context(ZSTD_createDCtx());
    return context.get();
}

}  // namespace

std::string encode_stored_text(std::string_view text) {
    if (text.empty()) return {};
    std::string out(1 + ZSTD_compressBound(text.size()), '\0');
    out[0] = schema::format::stored_text;
    const std::size_t written =
        ZSTD_compressCCtx(compression_context(), out.data() + 1, out.size() - 1, text.data(), text.size(), kLevel);
    if (ZSTD_isError(written)) {  // cannot happen with a bound-sized buffer; store the text as it is
        out.assign(1, '\0');
        out.append(text);
        return out;
    }
    out.resize(1 + written);
    return out;
}

std::optional<std::string> decode_stored_text(std::string_view bytes) {
    if (bytes.empty()) return std::string();
    const std::string_view body = bytes.substr(1);
    if (bytes[0] == '\0') return std::string(body);  // stored uncompressed
    if (bytes[0] != schema::format::stored_text) return std::nullopt;
    const unsigned long long size = ZSTD_getFrameContentSize(body.data(), body.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxDecodedText)
        return std::nullopt;
    std::string text(static_cast<std::size_t>(size), '\0');
    const std::size_t got =
        ZSTD_decompressDCtx(decompression_context(), text.data(), text.size(), body.data(), body.size());
    if (ZSTD_isError(got) || got != text.size()) return std::nullopt;
    return text;
}

}  // namespace idx
