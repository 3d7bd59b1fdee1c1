#pragma once
// zbar (Debian's libzbar) as a second opinion on a region where ZXing found a finder pattern but
// read nothing. Never the first decoder: on its own it misreads photos ZXing reads right, and it
// costs ~20 ms on a whole 720p frame. QR only.

#include <memory>
#include <vector>

#include "platform/decoder.hpp"
#include "platform/frame.hpp"

namespace uketsuke::platform {

class ZbarReader {
public:
    ZbarReader();  // throws std::bad_alloc when zbar cannot make its scanner
    ~ZbarReader();
    ZbarReader(ZbarReader&&) noexcept;
    ZbarReader& operator=(ZbarReader&&) noexcept;
    ZbarReader(const ZbarReader&) = delete;
    ZbarReader& operator=(const ZbarReader&) = delete;

    // Codes read, read_by Zbar. The corners are the axis-aligned box around zbar's points (it
    // reports the finder corners, not the code's in a fixed order). Never throws but bad_alloc.
    [[nodiscard]] std::vector<DecodedCode> read(GrayView frame);

private:
    struct Handle;
    std::unique_ptr<Handle> handle_;
};

}  // namespace uketsuke::platform
