#include "platform/zbar_reader.hpp"

#include <zbar.h>  // in C++ its C API sits in namespace zbar

#include <algorithm>
#include <climits>
#include <cstring>
#include <new>
#include <string>

namespace uketsuke::platform {

using namespace zbar;  // NOLINT: the C API, prefixed zbar_ already

struct ZbarReader::Handle {
    zbar_image_scanner_t* scanner = nullptr;
    ~Handle() {
        if (scanner != nullptr) zbar_image_scanner_destroy(scanner);
    }
};

namespace {

struct ImageOwner {
    zbar_image_t* image = zbar_image_create();
    ~ImageOwner() {
        if (image != nullptr) zbar_image_destroy(image);
    }
};

}  // namespace

ZbarReader::ZbarReader() : handle_(std::make_unique<Handle>()) {
    handle_->scanner = zbar_image_scanner_create();
    if (handle_->scanner == nullptr) throw std::bad_alloc();
    zbar_image_scanner_set_config(handle_->scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(handle_->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
}

ZbarReader::~ZbarReader() = default;
ZbarReader::ZbarReader(ZbarReader&&) noexcept = default;
ZbarReader& ZbarReader::operator=(ZbarReader&&) noexcept = default;

std::vector<DecodedCode> ZbarReader::read(GrayView frame) {
    std::vector<DecodedCode> codes;
    if (!handle_ || frame.empty() || frame.stride < frame.width) return codes;
    // zbar wants packed rows.
    std::vector<std::uint8_t> packed(static_cast<std::size_t>(frame.width) * frame.height);
    for (int y = 0; y < frame.height; ++y) {
        std::memcpy(packed.data() + static_cast<std::size_t>(y) * frame.width,
                    frame.pixels + static_cast<std::size_t>(y) * frame.stride,
                    static_cast<std::size_t>(frame.width));
    }
    ImageOwner owner;
    if (owner.image == nullptr) return codes;
    zbar_image_set_format(owner.image, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(owner.image, static_cast<unsigned>(frame.width),
                        static_cast<unsigned>(frame.height));
    zbar_image_set_data(owner.image, packed.data(), packed.size(), nullptr);
    if (zbar_scan_image(handle_->scanner, owner.image) <= 0) return codes;
    for (const zbar_symbol_t* symbol = zbar_image_first_symbol(owner.image); symbol != nullptr;
         symbol = zbar_symbol_next(symbol)) {
        if (zbar_symbol_get_type(symbol) != ZBAR_QRCODE) continue;
        DecodedCode code;
        code.text.assign(zbar_symbol_get_data(symbol), zbar_symbol_get_data_length(symbol));
        code.read_by = ReadBy::Zbar;
        int left = INT_MAX, top = INT_MAX, right = INT_MIN, bottom = INT_MIN;
        for (unsigned i = 0; i < zbar_symbol_get_loc_size(symbol); ++i) {
            left = std::min(left, zbar_symbol_get_loc_x(symbol, i));
            right = std::max(right, zbar_symbol_get_loc_x(symbol, i));
            top = std::min(top, zbar_symbol_get_loc_y(symbol, i));
            bottom = std::max(bottom, zbar_symbol_get_loc_y(symbol, i));
        }
        if (left <= right) {
            code.corners = {FramePoint{left, top}, FramePoint{right, top},
                            FramePoint{right, bottom}, FramePoint{left, bottom}};
        }
        codes.push_back(std::move(code));
    }
    return codes;
}

}  // namespace uketsuke::platform
