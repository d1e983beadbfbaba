# Build the Windows bundle and installer. NOT RUN IN CI (no Windows machine); see docs/packaging.md.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs: 64-bit Python 3.11+ from python.org (py launcher), Inno Setup 6.3+ (ISCC.exe on PATH or
# in its default folder). Output: dist\softtoken\ (the bundle) and
# dist\softtoken-<version>-windows-x64-setup.exe.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

$venv = "build\pkgvenv-windows"
if (Test-Path $venv) { Remove-Item -Recurse -Force $venv }
py -3 -m venv $venv
& "$venv\Scripts\python.exe" -m pip install --disable-pip-version-check -q ".[packaging]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# The one version source: softtoken/__init__.py
$version = (Select-String -Path "softtoken\__init__.py" -Pattern '^__version__ = "([^"]+)"').Matches[0].Groups[1].Value
$numeric = ([regex]::Matches($version, '\d+') | Select-Object -First 3 | ForEach-Object { $_.Value }) -join "."
Write-Host "== building softtoken $version"

& "$venv\Scripts\pyinstaller.exe" --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\softtoken.spec
if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }

# softtoken.exe is a windowed program (no console): check the version with softtoken-cli.exe.
$reported = & "dist\softtoken\softtoken-cli.exe" --version
if ($reported -ne "softtoken $version") { throw "softtoken-cli.exe --version says '$reported', the source says $version" }

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" "/DAppVersionNumeric=$numeric" packaging\windows\softtoken.iss
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
Get-ChildItem "dist\softtoken-$version-windows-x64-setup.exe"
