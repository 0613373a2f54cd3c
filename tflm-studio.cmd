@echo off
rem TFLM Studio launcher for Windows: builds the project on first use, then runs the app, or the command line when
rem given a subcommand (tflm-studio --help lists them), as ./tflm-studio does on Linux and macOS.
rem It rebuilds only when the build is missing: after changing the sources, set TFLM_STUDIO_REBUILD=1 once.
setlocal
set "HERE=%~dp0"
set "TARGET=%HERE%app-ui\target"
set "CP_FILE=%TARGET%\classpath.txt"
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"

if defined TFLM_STUDIO_REBUILD if exist "%CP_FILE%" del "%CP_FILE%"
if not exist "%CP_FILE%" (
  echo tflm-studio: building ^(first run; this takes a minute^)... 1>&2
  pushd "%HERE%"
  call mvnw.cmd -B -q -ntp -Dmaven.test.skip=true package 1>&2
  if errorlevel 1 (
    popd
    echo tflm-studio: build failed; run "mvnw.cmd -B verify" to see why 1>&2
    exit /b 1
  )
  popd
)

rem The launcher jar holds the app's classes and the graph layout library (see app-ui\pom.xml).
set "APP_JAR="
for %%f in ("%TARGET%\app-ui-*-launcher.jar") do set "APP_JAR=%%~ff"
if not defined APP_JAR (
  echo tflm-studio: %TARGET% has no launcher jar; run "mvnw.cmd -B package -DskipTests" 1>&2
  exit /b 1
)
rem classpath.txt is one line of ';'-separated jars (well under cmd's 8191-character limit).
set "DEPS="
for /f "usebackq delims=" %%i in ("%CP_FILE%") do set "DEPS=%%i"

rem JavaFX runs from the module path, as it is made to (from the class path it warns "Unsupported JavaFX
rem configuration" at every start); everything else stays on the class path. Monocle, the headless screen of
rem --screenshot, lives in a package of javafx.graphics, so it is patched into that module (this launcher makes no
rem class-data archive, so patching costs nothing here).
set "FX_PATH="
set "MONOCLE="
set "CLASS_PATH=%APP_JAR%"
for %%e in ("%DEPS:;=" "%") do call :classify "%%~e"
set FX_OPTS=--module-path "%FX_PATH%" --add-modules javafx.controls,javafx.swing
if defined MONOCLE set FX_OPTS=%FX_OPTS% --patch-module "javafx.graphics=%MONOCLE%"

"%JAVA_EXE%" %FX_OPTS% %TFLM_STUDIO_JAVA_OPTS% -cp "%CLASS_PATH%" dev.tflmstudio.app.Main %*
exit /b %ERRORLEVEL%

rem One class path entry: Monocle, a JavaFX module jar (...\org\openjfx\javafx-...), or anything else.
:classify
set "ENTRY=%~1"
if "%ENTRY%"=="" goto :eof
if not "%ENTRY:openjfx-monocle=%"=="%ENTRY%" (
  set "MONOCLE=%ENTRY%"
  goto :eof
)
if not "%ENTRY:\org\openjfx\javafx-=%"=="%ENTRY%" (
  if defined FX_PATH (set "FX_PATH=%FX_PATH%;%ENTRY%") else (set "FX_PATH=%ENTRY%")
  goto :eof
)
set "CLASS_PATH=%CLASS_PATH%;%ENTRY%"
goto :eof
