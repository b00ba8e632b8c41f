#pragma once
// A small JSON Schema checker for the schema in docs/json-schema-v1.json: it
// knows the keywords that file uses ($ref to #/$defs/..., type, const, enum,
// required, properties, additionalProperties, items, minimum, pattern, anyOf,
// oneOf) and refuses any other, so the schema cannot silently say more than
// is checked.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace idx::test {

class JsonSchema {
public:
    explicit JsonSchema(nlohmann::json root) : m_root(std::move(root)) {}

    // Loads the schema file; throws when it is not JSON.
    static JsonSchema load(const std::string& path);

    // What is wrong with `document` as an instance of `#/$defs/<definition>`
    // (or of the whole schema when `definition` is empty), one problem an
    // entry with its JSON pointer; empty when it is valid.
    std::vector<std::string> problems(const nlohmann::json& document, const std::string& definition = {}) const;

private:
    void check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& where,
               std::vector<std::string>& out) const;
    const nlohmann::json& resolve(const std::string& ref) const;

    nlohmann::json m_root;
};

// The schema of idx's JSON output (docs/json-schema-v1.json), loaded once.
const JsonSchema& json_schema_v1();

}  // namespace idx::test

// The name tests/http/serve_test.cpp knows it by, from before the CLI tests
// moved into idx::test.
namespace idx::cli_test {
using test::json_schema_v1;
}  // namespace idx::cli_test
