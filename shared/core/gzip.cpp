#include "shared/core/gzip.h"

#include <zlib.h>

namespace nastavnik {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 15: the largest window; +16: a gzip header
// Streams of small texts: zlib's format (a 2-byte header naming the dictionary by checksum,
// and an Adler-32 of the text at the end, so damage is found rather than inflated into other
// text); an 8 KB window holds a dictionary and the start of the text, and a small hash table
// (memory level 6) makes starting a stream cheap, which is most of the cost for a kilobyte.
constexpr int kDictionaryWindowBits = 13;
constexpr int kDictionaryMemLevel = 6;
constexpr int kGzipMemLevel = 8;  // zlib's default

Bytef* bytes_of(std::string_view data) { return reinterpret_cast<Bytef*>(const_cast<char*>(data.data())); }

Result<std::string> compress(std::string_view data, int level, int window_bits, int mem_level,
                             std::string_view dictionary) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, window_bits, mem_level, Z_DEFAULT_STRATEGY) != Z_OK)
    return Status::Internal("zlib could not start compressing");
  if (!dictionary.empty() &&
      deflateSetDictionary(&z, bytes_of(dictionary), static_cast<uInt>(dictionary.size())) != Z_OK) {
    deflateEnd(&z);
    return Status::Internal("zlib refused the compression dictionary");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = bytes_of(data);
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return Status::Internal("zlib could not compress the data");
  return out;
}

Result<std::string> decompress(std::string_view data, int window_bits, std::string_view dictionary,
                               size_t max_bytes, const char* what) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return Status::Internal("zlib could not start decompressing");
  z.next_in = bytes_of(data);
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[64 * 1024];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    // A stream primed with a dictionary asks for it by checksum; another one is refused.
    if (rc == Z_NEED_DICT && !dictionary.empty())
      rc = inflateSetDictionary(&z, bytes_of(dictionary), static_cast<uInt>(dictionary.size()));
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&z);
      return Status::Corruption("the compressed data grows beyond " + std::to_string(max_bytes) + " bytes");
    }
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return Status::Corruption(std::string("the data is not a whole ") + what);
  return out;
}

}  // namespace

Result<std::string> gzip(std::string_view data, int level) {
  return compress(data, level, kGzipWindowBits, kGzipMemLevel, {});
}

Result<std::string> gunzip(std::string_view gz, size_t max_bytes) {
  return decompress(gz, kGzipWindowBits, {}, max_bytes, "gzip stream");
}

Result<std::string> deflate_with_dictionary(std::string_view data, std::string_view dictionary, int level) {
  return compress(data, level, kDictionaryWindowBits, kDictionaryMemLevel, dictionary);
}

Result<std::string> inflate_with_dictionary(std::string_view deflated, std::string_view dictionary,
                                            size_t max_bytes) {
  return decompress(deflated, kDictionaryWindowBits, dictionary, max_bytes, "zlib stream");
}

}  // namespace nastavnik
