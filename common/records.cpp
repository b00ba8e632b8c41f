#include "common/records.hpp"

#include "common/packing.hpp"
#include "common/stored_text.hpp"

namespace idx {
namespace {
constexpr std::uint64_t kDocumentDataFormat = 1;
constexpr std::uint64_t kSourceFormat = 1;
}  // namespace

std::string encode_document_data(const Post& post) {
    Packer out;
    out.number(kDocumentDataFormat)
        .text(post.path)
        .text(post.url)
        .text(post.title)
        .list(post.authors)
        .list(post.categories)
        .list(post.tags)
        .text(post.date ? to_iso8601(*post.date) : std::string())
        .text(post.id);
    return out.take();
}

std::optional<Post> decode_document_data(std::string_view bytes) {
    Unpacker in(bytes);
    std::uint64_t format = 0;
    if (!in.number(format) || format != kDocumentDataFormat) return std::nullopt;
    Post post;
    std::string_view path, url, title, date, id;
    if (!in.text(path) || !in.text(url) || !in.text(title) || !in.list(post.authors) ||
        !in.list(post.categories) || !in.list(post.tags) || !in.text(date) || !in.text(id))
        return std::nullopt;
    post.path = path;
    post.url = url;
    post.title = title;
    post.id = id;
    if (!date.empty()) {
        if (auto parsed = parse_post_date(date)) post.date = parsed->date;
    }
    return post;
}

std::optional<Post> decode_post(std::string_view data, std::string_view stored_text) {
    std::optional<Post> post = decode_document_data(data);
    if (!post) return std::nullopt;
    std::optional<std::string> text = decode_stored_text(stored_text);
    if (!text) return std::nullopt;
    post->text = std::move(*text);
    return post;
}

std::string encode_facets(const Post& post) {
    Packer out;
    out.number(kFacetFormat)
        .list(post.authors)
        .list(post.categories)
        .list(post.tags)
        .text(post.date ? to_year_month(*post.date) : std::string());
    return out.take();
}

std::string encode_source(const SourceRecord& source) {
    Packer out;
    out.number(kSourceFormat)
        .text(source.path)
        .number(static_cast<std::uint64_t>(source.mtime_ns))
        .number(source.size)
        .text(source.content_hash);
    return out.take();
}

std::optional<SourceRecord> decode_source(std::string_view bytes) {
    Unpacker in(bytes);
    std::uint64_t format = 0;
    if (!in.number(format) || format != kSourceFormat) return std::nullopt;
    SourceRecord source;
    std::string_view path, hash;
    std::uint64_t mtime = 0;
    if (!in.text(path) || !in.number(mtime) || !in.number(source.size) || !in.text(hash)) return std::nullopt;
    source.path = path;
    source.mtime_ns = static_cast<std::int64_t>(mtime);
    source.content_hash = hash;
    return source;
}

}  // namespace idx
