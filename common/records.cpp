#include "common/records.hpp"

#include <charconv>

#include "common/lines.hpp"
#include "common/packing.hpp"
#include "common/stored_text.hpp"

namespace idx {
namespace {
constexpr std::uint64_t kSourceDraft = 1;
constexpr std::uint64_t kSourceFuture = 2;
}  // namespace

std::string encode_document_data(const Post& post) {
    Packer out;
    out.number(schema::format::document_data)
        .text(post.path)
        .text(post.url)
        .text(post.title)
        .list(post.authors)
        .list(post.categories)
        .list(post.tags)
        .text(post.date ? to_iso8601(*post.date) : std::string())
        .text(post.id)
        .text(post.lang);
    return out.take();
}

std::optional<Post> decode_document_data(std::string_view bytes) {
    Unpacker in(bytes);
    std::uint64_t format = 0;
    if (!in.number(format) || (format != 1 && format != schema::format::document_data)) return std::nullopt;
    Post post;
    std::string_view path, url, title, date, id;
    if (!in.text(path) || !in.text(url) || !in.text(title) || !in.list(post.authors) || !in.list(post.categories) ||
        !in.list(post.tags) || !in.text(date) || !in.text(id))
        return std::nullopt;
    post.path = path;
    post.url = url;
    post.title = title;
    post.id = id;
    std::string_view lang;
    if (format == schema::format::document_data) {
        if (!in.text(lang)) return std::nullopt;
        post.lang = lang;
    }
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
    out.number(schema::format::facets)
        .list(post.authors)
        .list(post.categories)
        .list(post.tags)
        .text(post.date ? to_year_month(*post.date) : std::string())
        .text(post.lang);
    return out.take();
}

std::string encode_field_facets(const Post& post, FacetField field) {
    static const std::vector<std::string> none;
    const auto only = [&](FacetField f) { return f == field; };
    Packer out;
    out.number(schema::format::facets)
        .list(only(FacetField::author) ? post.authors : none)
        .list(only(FacetField::category) ? post.categories : none)
        .list(only(FacetField::tag) ? post.tags : none)
        .text(only(FacetField::month) && post.date ? to_year_month(*post.date) : std::string())
        .text(only(FacetField::lang) ? post.lang : std::string());
    return out.take();
}

Xapian::valueno field_facets_slot(FacetField field) {
    return schema::slot::first_field_facets + static_cast<Xapian::valueno>(field);
}

std::string encode_source(const SourceRecord& source) {
    Packer out;
    out.number(schema::format::source)
        .text(source.path)
        .number(static_cast<std::uint64_t>(source.mtime_ns))
        .number(source.size)
        .text(source.content_hash)
        .number((source.draft ? kSourceDraft : 0) | (source.future ? kSourceFuture : 0));
    return out.take();
}

std::optional<SourceRecord> decode_source(std::string_view bytes) {
    Unpacker in(bytes);
    std::uint64_t format = 0;
    if (!in.number(format) || (format != 1 && format != schema::format::source)) return std::nullopt;
    SourceRecord source;
    std::string_view path, hash;
    std::uint64_t mtime = 0;
    std::uint64_t flags = 0;
    if (!in.text(path) || !in.number(mtime) || !in.number(source.size) || !in.text(hash)) return std::nullopt;
    if (format == schema::format::source && !in.number(flags)) return std::nullopt;
    source.draft = (flags & kSourceDraft) != 0;
    source.future = (flags & kSourceFuture) != 0;
    source.path = path;
    source.mtime_ns = static_cast<std::int64_t>(mtime);
    source.content_hash = hash;
    return source;
}

std::string encode_roots(const std::vector<std::string>& roots) {
    Packer out;
    out.number(schema::format::roots).list(roots);
    return out.take();
}

std::vector<std::string> decode_roots(std::string_view bytes) {
    // A packed record starts with its format number (byte 1); the old form
    // starts with a path, which is never a control character.
    if (bytes.empty() || bytes.front() != static_cast<char>(schema::format::roots)) return split_lines(bytes);
    Unpacker in(bytes);
    std::uint64_t format = 0;
    std::vector<std::string> roots;
    if (!in.number(format) || !in.list(roots)) return {};
    return roots;
}

std::string encode_run(const RunRecord& run) {
    Packer out;
    out.number(schema::format::last_run)
        .text(run.time)
        .number(run.added)
        .number(run.updated)
        .number(run.removed)
        .number(run.unchanged)
        .number(run.skipped)
        .number(run.errors)
        .number(run.milliseconds);
    return out.take();
}

std::optional<RunRecord> decode_run(std::string_view bytes) {
    Unpacker in(bytes);
    std::uint64_t format = 0;
    if (!in.number(format) || format != schema::format::last_run) return std::nullopt;
    RunRecord run;
    std::string_view time;
    if (!in.text(time) || !in.number(run.added) || !in.number(run.updated) || !in.number(run.removed) ||
        !in.number(run.unchanged) || !in.number(run.skipped) || !in.number(run.errors) || !in.number(run.milliseconds))
        return std::nullopt;
    run.time = time;
    return run;
}

std::string encode_failures(const std::vector<FailureRecord>& failures) {
    Packer out;
    out.number(schema::format::failures).number(failures.size());
    for (const FailureRecord& f : failures) {
        out.text(f.path)
            .number(static_cast<std::uint64_t>(f.mtime_ns))
            .number(f.size)
            .number(static_cast<std::uint64_t>(f.line > 0 ? f.line : 0))
            .text(f.reason);
    }
    return out.take();
}

std::vector<FailureRecord> decode_failures(std::string_view bytes) {
    Unpacker in(bytes);
    std::uint64_t format = 0, count = 0;
    if (!in.number(format) || format != schema::format::failures || !in.number(count)) return {};
    std::vector<FailureRecord> out;
    for (std::uint64_t i = 0; i < count; ++i) {
        FailureRecord f;
        std::string_view path, reason;
        std::uint64_t mtime = 0, line = 0;
        if (!in.text(path) || !in.number(mtime) || !in.number(f.size) || !in.number(line) || !in.text(reason))
            return {};
        f.path = path;
        f.mtime_ns = static_cast<std::int64_t>(mtime);
        f.line = line > 1000000000 ? 0 : static_cast<int>(line);
        f.reason = reason;
        out.push_back(std::move(f));
    }
    return out;
}

std::string encode_shard_record(unsigned count) {
    return "idx shards " + std::to_string(schema::format::shards) + "\ncount " + std::to_string(count) + "\n";
}

std::optional<unsigned> decode_shard_record(std::string_view text) {
    const std::string head = "idx shards " + std::to_string(schema::format::shards) + "\ncount ";
    if (!text.starts_with(head) || !text.ends_with("\n")) return std::nullopt;
    const std::string_view digits = text.substr(head.size(), text.size() - head.size() - 1);
    unsigned count = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (ec != std::errc() || end != digits.data() + digits.size() || count == 0) return std::nullopt;
    return count;
}

}  // namespace idx
