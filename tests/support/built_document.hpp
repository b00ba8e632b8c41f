#pragma once
// What a built Xapian document holds, read back the way a search reads it:
// shared by the document builder's unit test and the index-check test.

#include <xapian.h>

#include <optional>
#include <set>
#include <string>

#include "common/post.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"

namespace idx::test {

// The Post a search would show: the document data and the stored text.
inline std::optional<Post> stored_post(const Xapian::Document& doc) {
    return decode_post(doc.get_data(), doc.get_value(schema::slot::text));
}

inline std::set<std::string> terms_of(const Xapian::Document& doc) {
    return {doc.termlist_begin(), doc.termlist_end()};
}

}  // namespace idx::test
