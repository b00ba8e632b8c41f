#pragma once
// The byte layouts idx stores in a Xapian document: the document data (what a
// search result shows), the facet value (what facet counting reads) and the
// source value (what an incremental run compares with the disk). Each layout
// is a Packer record that starts with its own format number.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/post.hpp"

namespace idx {

// Document data: the Post without its text, which is stored compressed in
// schema::slot::text (stored_text.hpp). decode_document_data leaves text empty;
// decode_post puts the two together.
std::string encode_document_data(const Post& post);
std::optional<Post> decode_document_data(std::string_view bytes);
std::optional<Post> decode_post(std::string_view data, std::string_view stored_text);

// Facet value (schema::slot::facets): author, category and tag lists, the
// `YYYY-MM` month and the language code, in the order of FacetField.
enum class FacetField : int { author = 0, category = 1, tag = 2, month = 3, lang = 4 };
inline constexpr int kFacetFieldCount = 5;
// The fields stored as lists, first in the record and in this order.
inline constexpr std::array<FacetField, 3> kFacetListFields = {FacetField::author, FacetField::category,
                                                               FacetField::tag};

std::string encode_facets(const Post& post);
// The same record with only `field`'s values (the other fields empty): the
// value of slot schema::slot::first_field_facets + field.
std::string encode_field_facets(const Post& post, FacetField field);
Xapian::valueno field_facets_slot(FacetField field);

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
    // Indexed although Jekyll would not publish it (--include-drafts, or
    // `future: true` for a post dated after the run): a later run with other
    // rules must look at the file again even when it did not change.
    bool draft = false;
    bool future = false;

    bool operator==(const SourceRecord&) const = default;
};

std::string encode_source(const SourceRecord& source);
std::optional<SourceRecord> decode_source(std::string_view bytes);

// The folders earlier runs indexed (metadata schema::metadata::roots). Any
// byte may be in a folder name, newlines included. decode_roots also reads
// the one-a-line form older versions wrote.
std::string encode_roots(const std::vector<std::string>& roots);
std::vector<std::string> decode_roots(std::string_view bytes);

// A post file that could not be indexed, as Omega's omindex remembers them:
// the same failure is reported once, until the file changes (its size or
// mtime). Metadata schema::metadata::failures holds the list.
struct FailureRecord {
    std::string path;
    std::int64_t mtime_ns = 0;
    std::uint64_t size = 0;
    int line = 0;  // 0: about the whole file
    std::string reason;

    bool operator==(const FailureRecord&) const = default;
};

// What the last `idx add` did (metadata schema::metadata::last_run), for
// `idx stats`. The form older versions wrote (a JSON object) decodes as none:
// the next run writes this one.
struct RunRecord {
    std::string time;  // UTC, YYYY-MM-DDTHH:MM:SSZ
    std::uint64_t added = 0;
    std::uint64_t updated = 0;
    std::uint64_t removed = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t skipped = 0;
    std::uint64_t errors = 0;  // files that failed
    std::uint64_t milliseconds = 0;

    bool operator==(const RunRecord&) const = default;
};

std::string encode_run(const RunRecord& run);
std::optional<RunRecord> decode_run(std::string_view bytes);

std::string encode_failures(const std::vector<FailureRecord>& failures);
// Nothing readable (another format, damage) gives an empty list: at worst a
// known failure is reported once more.
std::vector<FailureRecord> decode_failures(std::string_view bytes);

// The shard record (the file schema::layout::shard_record of a sharded
// database folder): how many shards the folder holds. Text, so that `cat`
// shows it: "idx shards 1\ncount N\n". Anything else decodes as none.
std::string encode_shard_record(unsigned count);
std::optional<unsigned> decode_shard_record(std::string_view text);

}  // namespace idx

#include "common/records_inl.hpp"
