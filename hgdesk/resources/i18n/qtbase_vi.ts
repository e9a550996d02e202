<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context><name>QPlatformTheme</name>
<message><source>OK</source><translation>Đồng ý</translation></message>
<message><source>Save</source><translation>Lưu</translation></message>
<message><source>Save All</source><translation>Lưu tất cả</translation></message>
<message><source>Open</source><translation>Mở</translation></message>
<message><source>&amp;Yes</source><translation>&amp;Có</translation></message>
<message><source>Yes to &amp;All</source><translation>Có với tất &amp;cả</translation></message>
<message><source>&amp;No</source><translation>&amp;Không</translation></message>
<message><source>N&amp;o to All</source><translation>Khô&amp;ng với tất cả</translation></message>
<message><source>Abort</source><translation>Hủy bỏ</translation></message>
<message><source>Retry</source><translation>Thử lại</translation></message>
<message><source>Ignore</source><translation>Bỏ qua</translation></message>
<message><source>Close</source><translation>Đóng</translation></message>
<message><source>Cancel</source><translation>Hủy</translation></message>
<message><source>Discard</source><translation>Không lưu</translation></message>
<message><source>Don't Save</source><translation>Không lưu</translation></message>
<message><source>Close without Saving</source><translation>Đóng không lưu</translation></message>
<message><source>Help</source><translation>Trợ giúp</translation></message>
<message><source>Apply</source><translation>Áp dụng</translation></message>
<message><source>Reset</source><translation>Đặt lại</translation></message>
<message><source>Restore Defaults</source><translation>Khôi phục mặc định</translation></message>
<message><source>Yes</source><translation>Có</translation></message>
<message><source>No</source><translation>Không</translation></message>
</context>
<context><name>QDialogButtonBox</name>
<message><source>OK</source><translation>Đồng ý</translation></message>
<message><source>Save</source><translation>Lưu</translation></message>
<message><source>Save All</source><translation>Lưu tất cả</translation></message>
<message><source>Open</source><translation>Mở</translation></message>
<message><source>&amp;Yes</source><translation>&amp;Có</translation></message>
<message><source>Yes to &amp;All</source><translation>Có với tất &amp;cả</translation></message>
<message><source>&amp;No</source><translation>&amp;Không</translation></message>
<message><source>N&amp;o to All</source><translation>Khô&amp;ng với tất cả</translation></message>
<message><source>Abort</source><translation>Hủy bỏ</translation></message>
<message><source>Retry</source><translation>Thử lại</translation></message>
<message><source>Ignore</source><translation>Bỏ qua</translation></message>
<message><source>Close</source><translation>Đóng</translation></message>
<message><source>Cancel</source><translation>Hủy</translation></message>
<message><source>Discard</source><translation>Không lưu</translation></message>
<message><source>Don't Save</source><translation>Không lưu</translation></message>
<message><source>Close without Saving</source><translation>Đóng không lưu</translation></message>
<message><source>Help</source><translation>Trợ giúp</translation></message>
<message><source>Apply</source><translation>Áp dụng</translation></message>
<message><source>Reset</source><translation>Đặt lại</translation></message>
<message><source>Restore Defaults</source><translation>Khôi phục mặc định</translation></message>
<message><source>Yes</source><translation>Có</translation></message>
<message><source>No</source><translation>Không</translation></message>
</context>
<context><name>QMessageBox</name>
<message><source>Show Details...</source><translation>Xem chi tiết…</translation></message>
<message><source>Hide Details...</source><translation>Ẩn chi tiết</translation></message>
<message><source>OK</source><translation>Đồng ý</translation></message>
<message><source>Copy</source><translation>Sao chép</translation></message>
<message><source>&lt;h3&gt;About Qt&lt;/h3&gt;</source><translation>&lt;h3&gt;Giới thiệu Qt&lt;/h3&gt;</translation></message>
<message><source>About Qt</source><translation>Giới thiệu Qt</translation></message>
</context>
<context><name>QFileDialog</name>
<message><source>Look in:</source><translation>Tìm trong:</translation></message>
<message><source>&amp;Look in:</source><translation>&amp;Tìm trong:</translation></message>
<message><source>Files of &amp;type:</source><translation>&amp;Loại tệp:</translation></message>
<message><source>File &amp;name:</source><translation>&amp;Tên tệp:</translation></message>
<message><source>File name:</source><translation>Tên tệp:</translation></message>
<message><source>Files of type:</source><translation>Loại tệp:</translation></message>
<message><source>&amp;Open</source><translation>&amp;Mở</translation></message>
<message><source>&amp;Save</source><translation>&amp;Lưu</translation></message>
<message><source>Open</source><translation>Mở</translation></message>
<message><source>Save As</source><translation>Lưu thành</translation></message>
<message><source>Directory:</source><translation>Thư mục:</translation></message>
<message><source>New Folder</source><translation>Thư mục mới</translation></message>
<message><source>&amp;New Folder</source><translation>Thư mục &amp;mới</translation></message>
<message><source>Create New Folder</source><translation>Tạo thư mục mới</translation></message>
<message><source>Detail View</source><translation>Xem chi tiết</translation></message>
<message><source>List View</source><translation>Xem danh sách</translation></message>
<message><source>Back</source><translation>Quay lại</translation></message>
<message><source>Forward</source><translation>Tiến tới</translation></message>
<message><source>Parent Directory</source><translation>Thư mục cha</translation></message>
<message><source>All Files (*)</source><translation>Tất cả tệp (*)</translation></message>
<message><source>&amp;Choose</source><translation>&amp;Chọn</translation></message>
<message><source>Recent Places</source><translation>Nơi gần đây</translation></message>
<message><source>My Computer</source><translation>Máy tính</translation></message>
<message><source>Computer</source><translation>Máy tính</translation></message>
<message><source>%1 already exists.
Do you want to replace it?</source><translation>%1 đã có.
Bạn có muốn ghi đè không?</translation></message>
<message><source>Are you sure you want to delete '%1'?</source><translation>Bạn có chắc muốn xóa “%1”?</translation></message>
<message><source>&amp;Delete</source><translation>&amp;Xóa</translation></message>
<message><source>&amp;Rename</source><translation>Đổi &amp;tên</translation></message>
<message><source>Show &amp;hidden files</source><translation>Hiện tệp ẩ&amp;n</translation></message>
<message><source>Find Directory</source><translation>Tìm thư mục</translation></message>
<message><source>Directories</source><translation>Thư mục</translation></message>
<message><source>Files</source><translation>Tệp</translation></message>
<message><source>Drive</source><translation>Ổ đĩa</translation></message>
<message><source>File</source><translation>Tệp</translation></message>
<message><source>Unknown</source><translation>Không rõ</translation></message>
<message><source>%1
File not found.
Please verify the correct file name was given.</source><translation>%1
Không tìm thấy tệp.
Hãy kiểm tra lại tên tệp.</translation></message>
</context>
<context><name>QFileSystemModel</name>
<message><source>Name</source><translation>Tên</translation></message>
<message><source>Size</source><translation>Cỡ</translation></message>
<message><source>Type</source><translation>Loại</translation></message>
<message><source>Kind</source><translation>Loại</translation></message>
<message><source>Date Modified</source><translation>Ngày sửa</translation></message>
<message><source>My Computer</source><translation>Máy tính</translation></message>
<message><source>Computer</source><translation>Máy tính</translation></message>
</context>
<context><name>QLineEdit</name>
<message><source>&amp;Undo</source><translation>&amp;Hoàn tác</translation></message>
<message><source>&amp;Redo</source><translation>&amp;Làm lại</translation></message>
<message><source>Cu&amp;t</source><translation>Cắ&amp;t</translation></message>
<message><source>&amp;Copy</source><translation>&amp;Sao chép</translation></message>
<message><source>&amp;Paste</source><translation>&amp;Dán</translation></message>
<message><source>Delete</source><translation>Xóa</translation></message>
<message><source>Select All</source><translation>Chọn tất cả</translation></message>
</context>
<context><name>QWidgetTextControl</name>
<message><source>&amp;Undo</source><translation>&amp;Hoàn tác</translation></message>
<message><source>&amp;Redo</source><translation>&amp;Làm lại</translation></message>
<message><source>Cu&amp;t</source><translation>Cắ&amp;t</translation></message>
<message><source>&amp;Copy</source><translation>&amp;Sao chép</translation></message>
<message><source>&amp;Paste</source><translation>&amp;Dán</translation></message>
<message><source>Delete</source><translation>Xóa</translation></message>
<message><source>Select All</source><translation>Chọn tất cả</translation></message>
<message><source>Copy &amp;Link Location</source><translation>Sao chép địa chỉ liên &amp;kết</translation></message>
</context>
<context><name>QWizard</name>
<message><source>&lt; &amp;Back</source><translation>&lt; &amp;Quay lại</translation></message>
<message><source>&amp;Next</source><translation>&amp;Tiếp</translation></message>
<message><source>&amp;Next &gt;</source><translation>&amp;Tiếp &gt;</translation></message>
<message><source>&amp;Finish</source><translation>&amp;Hoàn tất</translation></message>
<message><source>Cancel</source><translation>Hủy</translation></message>
<message><source>&amp;Help</source><translation>&amp;Trợ giúp</translation></message>
<message><source>Go Back</source><translation>Quay lại</translation></message>
<message><source>Continue</source><translation>Tiếp tục</translation></message>
<message><source>Commit</source><translation>Xác nhận</translation></message>
<message><source>Done</source><translation>Xong</translation></message>
<message><source>Help</source><translation>Trợ giúp</translation></message>
</context>
<context><name>QUndoStack</name>
<message><source>Undo %1</source><translation>Hoàn tác %1</translation></message>
<message><source>Redo %1</source><translation>Làm lại %1</translation></message>
<message><source>Undo</source><translation>Hoàn tác</translation></message>
<message><source>Redo</source><translation>Làm lại</translation></message>
</context>
<context><name>QUndoGroup</name>
<message><source>Undo %1</source><translation>Hoàn tác %1</translation></message>
<message><source>Redo %1</source><translation>Làm lại %1</translation></message>
<message><source>Undo</source><translation>Hoàn tác</translation></message>
<message><source>Redo</source><translation>Làm lại</translation></message>
</context>
<context><name>QUndoModel</name>
<message><source>&lt;empty&gt;</source><translation>&lt;trống&gt;</translation></message>
</context>
<context><name>QProgressDialog</name>
<message><source>Cancel</source><translation>Hủy</translation></message>
</context>
<context><name>QAbstractSpinBox</name>
<message><source>&amp;Step up</source><translation>&amp;Tăng</translation></message>
<message><source>Step &amp;down</source><translation>&amp;Giảm</translation></message>
<message><source>&amp;Select All</source><translation>&amp;Chọn tất cả</translation></message>
</context>
<context><name>QCalendarWidget</name>
<message><source>Week</source><translation>Tuần</translation></message>
</context>
<context><name>QPrintDialog</name>
<message><source>Print</source><translation>In</translation></message>
<message><source>&amp;Print</source><translation>&amp;In</translation></message>
<message><source>Print To File ...</source><translation>In ra tệp…</translation></message>
<message><source>Print range</source><translation>Phạm vi in</translation></message>
<message><source>All Pages</source><translation>Tất cả các trang</translation></message>
<message><source>Pages from</source><translation>Từ trang</translation></message>
<message><source>to</source><translation>đến</translation></message>
<message><source>Copies</source><translation>Số bản</translation></message>
<message><source>Collate</source><translation>Xếp theo bộ</translation></message>
<message><source>&amp;Options &gt;&gt;</source><translation>&amp;Tùy chọn &gt;&gt;</translation></message>
<message><source>&amp;Options &lt;&lt;</source><translation>&amp;Tùy chọn &lt;&lt;</translation></message>
<message><source>Print to File (PDF)</source><translation>In ra tệp (PDF)</translation></message>
<message><source>Local file</source><translation>Tệp trên máy</translation></message>
<message><source>Write PDF file</source><translation>Ghi tệp PDF</translation></message>
<message><source>A4</source><translation>A4</translation></message>
<message><source>Print all</source><translation>In tất cả</translation></message>
<message><source>Odd Pages</source><translation>Trang lẻ</translation></message>
<message><source>Even Pages</source><translation>Trang chẵn</translation></message>
<message><source>Current Page</source><translation>Trang hiện tại</translation></message>
<message><source>Selection</source><translation>Phần đã chọn</translation></message>
<message><source>Print current page</source><translation>In trang hiện tại</translation></message>
<message><source>Portrait</source><translation>Dọc</translation></message>
<message><source>Landscape</source><translation>Ngang</translation></message>
</context>
<context><name>QPrintSettingsOutput</name>
<message><source>Form</source><translation>Mẫu</translation></message>
<message><source>Copies</source><translation>Số bản</translation></message>
<message><source>Copies:</source><translation>Số bản:</translation></message>
<message><source>Collate</source><translation>Xếp theo bộ</translation></message>
<message><source>Reverse</source><translation>In ngược thứ tự</translation></message>
<message><source>Options</source><translation>Tùy chọn</translation></message>
<message><source>Color Mode</source><translation>Chế độ màu</translation></message>
<message><source>Color</source><translation>Màu</translation></message>
<message><source>Grayscale</source><translation>Đen trắng</translation></message>
<message><source>Duplex Printing</source><translation>In hai mặt</translation></message>
<message><source>Double Sided Printing</source><translation>In hai mặt</translation></message>
<message><source>None</source><translation>Không</translation></message>
<message><source>Off</source><translation>Tắt</translation></message>
<message><source>Long side</source><translation>Lật theo cạnh dài</translation></message>
<message><source>Long side binding</source><translation>Lật theo cạnh dài</translation></message>
<message><source>Short side</source><translation>Lật theo cạnh ngắn</translation></message>
<message><source>Short side binding</source><translation>Lật theo cạnh ngắn</translation></message>
<message><source>Print range</source><translation>Phạm vi in</translation></message>
<message><source>Print all</source><translation>In tất cả</translation></message>
<message><source>Pages from</source><translation>Từ trang</translation></message>
<message><source>to</source><translation>đến</translation></message>
<message><source>Pages</source><translation>Các trang</translation></message>
<message><source>Current Page</source><translation>Trang hiện tại</translation></message>
<message><source>Selection</source><translation>Phần đã chọn</translation></message>
<message><source>Page &amp;Set:</source><translation>&amp;Nhóm trang:</translation></message>
<message><source>All Pages</source><translation>Tất cả các trang</translation></message>
<message><source>Odd Pages</source><translation>Trang lẻ</translation></message>
<message><source>Even Pages</source><translation>Trang chẵn</translation></message>
<message><source>Output Settings</source><translation>Thiết lập bản in</translation></message>
<message><source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source><translation>Ghi các trang hoặc khoảng trang, cách nhau bằng dấu phẩy; khoảng trang là hai số nối bằng gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9.</translation></message>
</context>
<context><name>QPrintWidget</name>
<message><source>Form</source><translation>Mẫu</translation></message>
<message><source>Printer</source><translation>Máy in</translation></message>
<message><source>&amp;Name:</source><translation>&amp;Tên:</translation></message>
<message><source>P&amp;roperties</source><translation>&amp;Thuộc tính</translation></message>
<message><source>Location:</source><translation>Vị trí:</translation></message>
<message><source>Preview</source><translation>Xem trước</translation></message>
<message><source>Type:</source><translation>Loại:</translation></message>
<message><source>Output &amp;file:</source><translation>&amp;Tệp in ra:</translation></message>
<message><source>...</source><translation>…</translation></message>
</context>
<context><name>QPrintPropertiesDialog</name>
<message><source>Printer Properties</source><translation>Thuộc tính máy in</translation></message>
<message><source>Job Options</source><translation>Tùy chọn lệnh in</translation></message>
<message><source>Page Setup Conflicts</source><translation>Thiết lập trang xung đột</translation></message>
<message><source>Advanced</source><translation>Nâng cao</translation></message>
</context>
<context><name>QPrintPropertiesWidget</name>
<message><source>Form</source><translation>Mẫu</translation></message>
<message><source>Page</source><translation>Trang</translation></message>
<message><source>Advanced</source><translation>Nâng cao</translation></message>
</context>
<context><name>QPageSetupWidget</name>
<message><source>Form</source><translation>Mẫu</translation></message>
<message><source>Paper</source><translation>Giấy</translation></message>
<message><source>Page size:</source><translation>Khổ giấy:</translation></message>
<message><source>Width:</source><translation>Rộng:</translation></message>
<message><source>Height:</source><translation>Cao:</translation></message>
<message><source>Paper source:</source><translation>Khay giấy:</translation></message>
<message><source>Orientation</source><translation>Hướng giấy</translation></message>
<message><source>Portrait</source><translation>Dọc</translation></message>
<message><source>Landscape</source><translation>Ngang</translation></message>
<message><source>Reverse landscape</source><translation>Ngang, đảo chiều</translation></message>
<message><source>Reverse portrait</source><translation>Dọc, đảo chiều</translation></message>
<message><source>Margins</source><translation>Lề</translation></message>
<message><source>top margin</source><translation>lề trên</translation></message>
<message><source>left margin</source><translation>lề trái</translation></message>
<message><source>right margin</source><translation>lề phải</translation></message>
<message><source>bottom margin</source><translation>lề dưới</translation></message>
<message><source>Page Layout</source><translation>Bố cục trang</translation></message>
<message><source>Page order:</source><translation>Thứ tự trang:</translation></message>
<message><source>Pages per sheet:</source><translation>Số trang mỗi tờ:</translation></message>
<message><source>Millimeters (mm)</source><translation>Milimét (mm)</translation></message>
<message><source>Inches (in)</source><translation>Inch (in)</translation></message>
<message><source>Points (pt)</source><translation>Điểm (pt)</translation></message>
<message><source>Custom</source><translation>Tùy chỉnh</translation></message>
</context>
<context><name>QPageSetupDialog</name>
<message><source>Page Setup</source><translation>Thiết lập trang</translation></message>
</context>
<context><name>QPrintPreviewDialog</name>
<message><source>Print Preview</source><translation>Xem trước khi in</translation></message>
<message><source>Print</source><translation>In</translation></message>
<message><source>Page Setup</source><translation>Thiết lập trang</translation></message>
<message><source>Close</source><translation>Đóng</translation></message>
</context>
<context><name>QShortcut</name>
<message><source>Ctrl</source><translation>Ctrl</translation></message>
<message><source>Shift</source><translation>Shift</translation></message>
<message><source>Alt</source><translation>Alt</translation></message>
<message><source>Del</source><translation>Del</translation></message>
<message><source>Ins</source><translation>Ins</translation></message>
<message><source>Home</source><translation>Home</translation></message>
<message><source>End</source><translation>End</translation></message>
<message><source>Esc</source><translation>Esc</translation></message>
</context>
</TS>
