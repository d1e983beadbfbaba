; Inno Setup 6 script: the per-machine Windows installer of softtoken.
;
; NOT COMPILED IN CI: there is no Windows build machine. It was written against the Inno Setup 6.3
; documentation and never run through ISCC; see docs/packaging.md for the manual test plan.
;
; Build on Windows (packaging\windows\build.ps1 does all of it):
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\softtoken.spec
;   iscc /DAppVersion=<softtoken.__version__> packaging\windows\softtoken.iss
;
; Unattended deployment (all policy parameters are optional; only the ones given are written to
; %ProgramData%\softtoken\policy.toml, and without any the existing policy file is left alone):
;   softtoken-0.1.0-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART ^
;     /PINLENGTH=6 /MAXATTEMPTS=5 /KEYSTORE=keystore /HELPDESK="IT help desk, ext. 4357"
;
;   parameter        policy key                 allowed
;   /PINLENGTH       pin_length                 4-8
;   /MAXATTEMPTS     max_attempts               1-10
;   /KEYSTORE        device_key_store           keystore | file
;   /SYNCWINDOW      sync_window_minutes        0-1440
;   /IDLELOCK        idle_lock_seconds          15-3600
;   /ALLOWCOPY       allow_copy                 true | false (also yes/no, 1/0)
;   /CLIPBOARDCLEAR  clipboard_clear_seconds    5-600
;   /HELPDESK        helpdesk_contact           text, at most 500 characters
;   /NTPSERVER       ntp_server                 text, at most 500 characters
;   /CLOCKWARN       clock_warn_seconds         1-3600 (not above the error threshold)
;   /CLOCKERROR      clock_error_seconds        1-3600
;   /PROTECTION      protection                 auto | tpm | software
;   /ISSUERURLS      issuer_urls                issuer addresses, comma-separated (https://pi.example.org)
;   /ALLOWINSECURETLS allow_insecure_tls        true | false (also yes/no, 1/0)
;   /SYNCMINUTES     sync_minutes               1-1440
;
; A bad value stops setup before anything is installed (exit code 1 with /VERYSILENT; the
; reason is in the log: add /LOG="C:\path\setup.log").
; The ranges are softtoken.core.policy's; tests/packaging/test_installer_files.py keeps them equal.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=<softtoken.__version__> (packaging\windows\build.ps1 does)
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\softtoken"
#endif
; Windows' version resource needs numbers only: build.ps1 passes e.g. 0.1.0 for 0.1.0rc1.
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif

[Setup]
; The AppId identifies the product for upgrades and uninstall: never change it.
AppId={{F4A7B1A5-2421-4636-800F-B454D3B63C01}
AppName=softtoken
AppVersion={#AppVersion}
AppVerName=softtoken {#AppVersion}
AppPublisher=softtoken developers
AppCopyright=MIT License, softtoken developers
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName=softtoken
DefaultDirName={autopf}\softtoken
DisableDirPage=auto
DisableProgramGroupPage=yes
; Per machine: the URL protocols, the policy and Program Files all need an administrator.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=softtoken-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\softtoken.ico
UninstallDisplayIcon={app}\softtoken.exe
UninstallDisplayName=softtoken
LicenseFile=..\..\LICENSE
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Tell Explorer that URL associations changed.
ChangesAssociations=yes
; An upgrade closes a running softtoken (Restart Manager) instead of failing on locked files.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The PyInstaller onedir bundle: softtoken.exe, softtoken-cli.exe and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\softtoken"; Filename: "{app}\softtoken.exe"
Name: "{autodesktop}\softtoken"; Filename: "{app}\softtoken.exe"; Tasks: desktopicon

[Registry]
; otpauth://, otpauth-migration:// and pia:// open softtoken for every user of this machine
; (HKLM\Software\Classes; a user's own choice in Settings > Default apps still wins).
Root: HKLM; Subkey: "Software\Classes\otpauth"; ValueType: string; ValueName: ""; ValueData: "URL:otpauth activation link"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\otpauth"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKLM; Subkey: "Software\Classes\otpauth\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\softtoken.exe"",0"
Root: HKLM; Subkey: "Software\Classes\otpauth\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\softtoken.exe"" ""%1"""
Root: HKLM; Subkey: "Software\Classes\otpauth-migration"; ValueType: string; ValueName: ""; ValueData: "URL:otpauth-migration activation link"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\otpauth-migration"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKLM; Subkey: "Software\Classes\otpauth-migration\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\softtoken.exe"",0"
Root: HKLM; Subkey: "Software\Classes\otpauth-migration\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\softtoken.exe"" ""%1"""
; pia://container/... registers this workstation with the issuer (privacyIDEA token containers).
Root: HKLM; Subkey: "Software\Classes\pia"; ValueType: string; ValueName: ""; ValueData: "URL:pia workstation registration link"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\pia"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKLM; Subkey: "Software\Classes\pia\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\softtoken.exe"",0"
Root: HKLM; Subkey: "Software\Classes\pia\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\softtoken.exe"" ""%1"""
; The same as a ProgID plus Capabilities, so softtoken is listed in Settings > Default apps.
Root: HKLM; Subkey: "Software\Classes\softtoken.activationlink"; ValueType: string; ValueName: ""; ValueData: "softtoken activation link"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\Classes\softtoken.activationlink"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKLM; Subkey: "Software\Classes\softtoken.activationlink\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\softtoken.exe"",0"
Root: HKLM; Subkey: "Software\Classes\softtoken.activationlink\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\softtoken.exe"" ""%1"""
Root: HKLM; Subkey: "Software\softtoken"; Flags: uninsdeletekeyifempty
Root: HKLM; Subkey: "Software\softtoken\Capabilities"; ValueType: string; ValueName: "ApplicationName"; ValueData: "softtoken"; Flags: uninsdeletekey
Root: HKLM; Subkey: "Software\softtoken\Capabilities"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "Soft token for e-prescribing controlled substances"
Root: HKLM; Subkey: "Software\softtoken\Capabilities\URLAssociations"; ValueType: string; ValueName: "otpauth"; ValueData: "softtoken.activationlink"
Root: HKLM; Subkey: "Software\softtoken\Capabilities\URLAssociations"; ValueType: string; ValueName: "otpauth-migration"; ValueData: "softtoken.activationlink"
Root: HKLM; Subkey: "Software\softtoken\Capabilities\URLAssociations"; ValueType: string; ValueName: "pia"; ValueData: "softtoken.activationlink"
Root: HKLM; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "softtoken"; ValueData: "Software\softtoken\Capabilities"; Flags: uninsdeletevalue

[Run]
Filename: "{app}\softtoken.exe"; Description: "{cm:LaunchProgram,softtoken}"; Flags: nowait postinstall skipifsilent

[Code]
var
  PolicyText: String;      { the policy.toml to write; empty: leave the policy alone }
  PolicyProblem: String;   { why the parameters were refused }

function Param(Name: String): String;
begin
  Result := Trim(ExpandConstant('{param:' + Name + '|}'));
end;

procedure Refuse(Name, Value, Rule: String);
begin
  if PolicyProblem = '' then
    PolicyProblem := '/' + Name + '=' + Value + ': ' + Rule;
end;

{ A TOML basic string holding only ASCII: quotes, backslashes, control and non-ASCII characters
  are escaped, so the file is valid UTF-8 without a byte-order mark (which softtoken refuses). }
function TomlString(Value: String): String;
var
  I, Code, Low: Integer;
begin
  Result := '"';
  I := 1;
  while I <= Length(Value) do
  begin
    Code := Ord(Value[I]);
    if (Code >= $D800) and (Code <= $DBFF) and (I < Length(Value)) then
    begin
      Low := Ord(Value[I + 1]);
      if (Low >= $DC00) and (Low <= $DFFF) then
      begin
        Result := Result + Format('\U%.8x', [$10000 + ((Code - $D800) shl 10) + (Low - $DC00)]);
        I := I + 2;
        Continue;
      end;
    end;
    if Code = Ord('"') then
      Result := Result + '\"'
    else if Code = Ord('\') then
      Result := Result + '\\'
    else if (Code < $20) or (Code >= $7F) then
      Result := Result + Format('\u%.4x', [Code])
    else
      Result := Result + Value[I];
    I := I + 1;
  end;
  Result := Result + '"';
end;

{ Adds "Key = N" when /Name=N was given; N must be a plain whole number in [Low, High]. }
function IntSetting(Key, Name: String; Low, High, Default: Integer): Integer;
var
  Value: String;
  N: Integer;
begin
  Result := Default;
  Value := Param(Name);
  if Value = '' then
    Exit;
  N := StrToIntDef(Value, Low - 1);
  if (N < Low) or (N > High) or (IntToStr(N) <> Value) then
  begin
    Refuse(Name, Value, Format('%s must be a whole number from %d to %d.', [Key, Low, High]));
    Exit;
  end;
  PolicyText := PolicyText + Key + ' = ' + IntToStr(N) + #13#10;
  Result := N;
end;

procedure TextSetting(Key, Name: String);
var
  Value: String;
begin
  Value := Param(Name);
  if Value = '' then
    Exit;
  if Length(Value) > 500 then
    Refuse(Name, Copy(Value, 1, 40) + '...', Key + ' is too long (500 characters at most).')
  else
    PolicyText := PolicyText + Key + ' = ' + TomlString(Value) + #13#10;
end;

procedure ChoiceSetting(Key, Name, First, Second: String);
var
  Value: String;
begin
  Value := Lowercase(Param(Name));
  if Value = '' then
    Exit;
  if (Value = First) or (Value = Second) then
    PolicyText := PolicyText + Key + ' = "' + Value + '"' + #13#10
  else
    Refuse(Name, Value, Key + ' must be ' + First + ' or ' + Second + '.');
end;

procedure Choice3Setting(Key, Name, First, Second, Third: String);
var
  Value: String;
begin
  Value := Lowercase(Param(Name));
  if Value = '' then
    Exit;
  if (Value = First) or (Value = Second) or (Value = Third) then
    PolicyText := PolicyText + Key + ' = "' + Value + '"' + #13#10
  else
    Refuse(Name, Value, Key + ' must be ' + First + ', ' + Second + ' or ' + Third + '.');
end;

procedure BoolSetting(Key, Name: String);
var
  Value: String;
begin
  Value := Lowercase(Param(Name));
  if Value = '' then
    Exit;
  if (Value = 'true') or (Value = 'yes') or (Value = '1') then
    PolicyText := PolicyText + Key + ' = true' + #13#10
  else if (Value = 'false') or (Value = 'no') or (Value = '0') then
    PolicyText := PolicyText + Key + ' = false' + #13#10
  else
    Refuse(Name, Value, Key + ' must be true or false.');
end;

{ Adds "Key = ["a", "b"]" when /Name=a,b was given: each address a TOML string (softtoken checks them). }
procedure ListSetting(Key, Name: String);
var
  Value, Item, Items: String;
  Comma, Count: Integer;
begin
  Value := Param(Name);
  if Value = '' then
    Exit;
  if Length(Value) > 5000 then
  begin
    Refuse(Name, Copy(Value, 1, 40) + '...', Key + ' is too long (5000 characters at most).');
    Exit;
  end;
  Items := '';
  Count := 0;
  while Value <> '' do
  begin
    Comma := Pos(',', Value);
    if Comma = 0 then
    begin
      Item := Trim(Value);
      Value := '';
    end
    else
    begin
      Item := Trim(Copy(Value, 1, Comma - 1));
      Value := Copy(Value, Comma + 1, Length(Value));
    end;
    if Item = '' then
      Continue;
    if Count > 0 then
      Items := Items + ', ';
    Items := Items + TomlString(Item);
    Count := Count + 1;
  end;
  if Count = 0 then
    Refuse(Name, Param(Name), Key + ' must name at least one issuer address.')
  else
    PolicyText := PolicyText + Key + ' = [' + Items + ']' + #13#10;
end;

{ Reads the policy parameters before anything is installed; a bad one stops setup. }
function InitializeSetup(): Boolean;
var
  WarnAt, ErrorAt: Integer;
begin
  PolicyText := '';
  PolicyProblem := '';
  IntSetting('pin_length', 'PINLENGTH', 4, 8, 4);
  IntSetting('max_attempts', 'MAXATTEMPTS', 1, 10, 10);
  ChoiceSetting('device_key_store', 'KEYSTORE', 'keystore', 'file');
  IntSetting('sync_window_minutes', 'SYNCWINDOW', 0, 1440, 60);
  IntSetting('idle_lock_seconds', 'IDLELOCK', 15, 3600, 120);
  BoolSetting('allow_copy', 'ALLOWCOPY');
  IntSetting('clipboard_clear_seconds', 'CLIPBOARDCLEAR', 5, 600, 30);
  TextSetting('helpdesk_contact', 'HELPDESK');
  TextSetting('ntp_server', 'NTPSERVER');
  WarnAt := IntSetting('clock_warn_seconds', 'CLOCKWARN', 1, 3600, 15);
  ErrorAt := IntSetting('clock_error_seconds', 'CLOCKERROR', 1, 3600, 60);
  Choice3Setting('protection', 'PROTECTION', 'auto', 'tpm', 'software');
  ListSetting('issuer_urls', 'ISSUERURLS');
  BoolSetting('allow_insecure_tls', 'ALLOWINSECURETLS');
  IntSetting('sync_minutes', 'SYNCMINUTES', 1, 1440, 15);
  if (PolicyProblem = '') and (WarnAt > ErrorAt) then
    Refuse('CLOCKWARN', IntToStr(WarnAt), 'clock_warn_seconds must not exceed clock_error_seconds (' + IntToStr(ErrorAt) + ').');
  Result := PolicyProblem = '';
  if not Result then
  begin
    Log('softtoken policy refused: ' + PolicyProblem);
    SuppressibleMsgBox('softtoken cannot be installed with this policy:' + #13#10 + PolicyProblem,
      mbCriticalError, MB_OK, IDOK);
  end;
end;

{ Runs a program hidden and logs a failure; True when it exited with 0. }
function RunHidden(FileName, Arguments: String): Boolean;
var
  Code: Integer;
begin
  Result := Exec(FileName, Arguments, '', SW_HIDE, ewWaitUntilTerminated, Code) and (Code = 0);
  if not Result then
    Log(Format('%s %s failed (exit code %d)', [FileName, Arguments, Code]));
end;

{ A junction or symbolic link (FILE_ATTRIBUTE_REPARSE_POINT). }
function IsLink(Path: String): Boolean;
var
  Found: TFindRec;
begin
  Result := False;
  if FindFirst(Path, Found) then
    try
      Result := (Found.Attributes and $400) <> 0;
    finally
      FindClose(Found);
    end;
end;

{ %ProgramData%\softtoken holds the administrator's policy. ProgramData lets every user create
  folders and files, so a user may have made this folder first, or made it a link to elsewhere:
  a link is removed (only the link), and the folder is given to Administrators, writable by
  Administrators and SYSTEM only, readable by users. Well-known SIDs: any Windows language. }
function PolicyFolder(): String;
var
  Icacls: String;
begin
  Result := ExpandConstant('{commonappdata}\softtoken');
  if IsLink(Result) then
  begin
    Log('removing the link ' + Result);
    if not RemoveDir(Result) then
      RaiseException('Could not remove the link ' + Result);
  end;
  if not ForceDirectories(Result) or IsLink(Result) then
    RaiseException('Could not create the folder ' + Result);
  Icacls := ExpandConstant('{sys}\icacls.exe');
  RunHidden(Icacls, '"' + Result + '" /setowner *S-1-5-32-544 /T /L /C /Q');
  if not RunHidden(Icacls, '"' + Result + '" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /T /L /C /Q') then
    RaiseException('Could not restrict the permissions of ' + Result + '; see the setup log.');
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Target: String;
begin
  if CurStep <> ssPostInstall then
    Exit;
  Target := PolicyFolder() + '\policy.toml';
  if PolicyText = '' then
    Exit;  { no policy parameters: an existing policy.toml stays as it is }
  { Delete first: a link planted in its place is removed instead of written through. }
  if FileExists(Target) and not DeleteFile(Target) then
    RaiseException('Could not replace ' + Target);
  if not SaveStringToFile(Target,
      '# Written by the softtoken installer on ' + GetDateTimeString('yyyy/mm/dd hh:nn', '-', ':') + '.' + #13#10 +
      '# The keys are described in the README, "Admin policy". Setup replaces this file whenever it' + #13#10 +
      '# runs with policy parameters, and leaves it alone (also on uninstall) otherwise.' + #13#10 +
      PolicyText, False) then
    RaiseException('Could not write ' + Target);
  Log('softtoken policy written to ' + Target);
end;
