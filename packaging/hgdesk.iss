; Inno Setup 6 script: the Windows installer of hgdesk, built from the PyInstaller one-folder build.
;   py dev.py build                       (dist\hgdesk\ and dist\huong-dan.pdf)
;   iscc /DMyAppVersion=0.1.0 packaging\hgdesk.iss   (→ dist\hgdesk-0.1.0-cai-dat.exe)
; Per-user install (no administrator rights), Start-menu and optional desktop shortcuts, the
; .hgdesk package association, and an uninstall that never touches the user's data
; (%LOCALAPPDATA%\hgdesk: database, backups, logs).

#ifndef MyAppVersion
  #define MyAppVersion "0.1.0"
#endif
#define MyAppName "hgdesk"
#define MyAppExe "hgdesk.exe"

[Setup]
AppId={{6F1C2B8E-4D0A-4C7E-9A51-2D3B8F0E7A61}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName=hgdesk {#MyAppVersion} – Chương trình công tác của cấp ủy
AppPublisher=hgdesk
DefaultDirName={localappdata}\Programs\hgdesk
DefaultGroupName=hgdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\dist
OutputBaseFilename=hgdesk-{#MyAppVersion}-cai-dat
SetupIconFile=..\hgdesk\resources\icons\hgdesk.ico
UninstallDisplayIcon={app}\{#MyAppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0

[Languages]
; Vietnamese.isl ships with Inno Setup 6 (Languages\Unofficial); copy it to Languages\ if missing.
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình nền"; GroupDescription: "Biểu tượng:"

[Files]
Source: "..\dist\hgdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\dist\huong-dan.pdf"; DestDir: "{app}"; DestName: "Huong-dan-su-dung-hgdesk.pdf"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\hgdesk"; Filename: "{app}\{#MyAppExe}"; Comment: "Soạn, theo dõi và in chương trình công tác"
Name: "{autoprograms}\Hướng dẫn sử dụng hgdesk"; Filename: "{app}\Huong-dan-su-dung-hgdesk.pdf"
Name: "{autodesktop}\hgdesk"; Filename: "{app}\{#MyAppExe}"; Tasks: desktopicon

[Registry]
; .hgdesk program packages open in hgdesk (per user: HKCU\Software\Classes)
Root: HKA; Subkey: "Software\Classes\.hgdesk"; ValueType: string; ValueName: ""; ValueData: "hgdesk.Package"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\hgdesk.Package"; ValueType: string; ValueName: ""; ValueData: "Gói chương trình công tác hgdesk"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\hgdesk.Package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#MyAppExe},0"
Root: HKA; Subkey: "Software\Classes\hgdesk.Package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#MyAppExe}"" ""%1"""

[Run]
Filename: "{app}\{#MyAppExe}"; Description: "Mở hgdesk"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program folder holds; the data folder %LOCALAPPDATA%\hgdesk is never listed here,
; so the database, its backups and the logs stay after an uninstall.
Type: filesandordirs; Name: "{app}\_internal"
